// The kiosk's part of the one embedded web server ([web] listen): health, status, preview, metrics
// and remote control for the AV desk, and the web page. The server answers on its own threads from
// what the frame loop publishes on a StatusBoard; a remote command waits in a CommandInbox until the
// frame loop applies it through the shell's SessionController, like a tap on the console. The frame
// thread never waits for the server or a client.
#pragma once

#include "command_inbox.h"
#include "http_server.h"
#include "lectern_config.h"
#include "status_collector.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace lectern {

class RecordingStation;

class KioskWeb {
public:
    // Null when [web] listen is empty (the server is off). `wake` is called on an HTTP thread when a
    // command arrives, so that a sleeping frame loop wakes up. Throws when it cannot listen.
    static std::unique_ptr<KioskWeb> start_if_configured(const LecternConfig& config, const std::string& room_id,
                                                         std::function<void()> wake);
    KioskWeb(const LecternConfig& config, const std::string& room_id, std::function<void()> wake);

    // Once per frame, on the frame thread: applies the commands that wait (logged with their origin)
    // and, about 5 times a second, publishes the station's status and preview.
    // agenda_confirmed: when agenda.url's server last confirmed the copy shown (none for a file).
    void on_frame(SessionController& controller, const RecordingStation& station, const Agenda& agenda,
                  const std::string& agenda_problem, std::optional<TimePoint> agenda_confirmed, TimePoint now);

    const HttpServer& server() const { return server_; }

private:
    StatusCollector collector_;
    StatusBoard board_;
    CommandInbox inbox_;
    HttpServer server_;
    std::chrono::steady_clock::time_point last_publish_{};
};

}  // namespace lectern
