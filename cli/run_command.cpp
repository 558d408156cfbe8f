// `lectern run --headless [--config FILE] [--listen ADDR] [--room ID]`: a room recorder without a
// display. Follows the agenda (records each item with padding, splits between items), uploads every
// file, serves the status API, metrics and remote control, and tells systemd how it is (READY,
// STATUS, WATCHDOG). SIGTERM or SIGINT finishes the current file cleanly and exits.
// With [opencast] set, the schedule comes from Opencast instead (opencast/capture_agent.h): the agent
// is told what is being recorded and every finished file, on its own thread.
#include "commands.h"

#include "agenda_credentials.h"
#include "agenda_source.h"
#include "capture_agent.h"
#include "clock.h"
#include "command_inbox.h"
#include "headless_station.h"
#include "http_server.h"
#include "lectern_config.h"
#include "service_health.h"
#include "station_routes.h"

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <mutex>

namespace lectern {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

struct RunOptions {
    bool headless = false;
    std::string config_file, listen, room;
};

RunOptions parse(const std::vector<std::string>& args) {
    RunOptions o;
    for (size_t i = 0; i < args.size(); ++i) {
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw std::invalid_argument("run: " + args[i] + " needs a value");
            return args[++i];
        };
        if (args[i] == "--headless") o.headless = true;
        else if (args[i] == "--config") o.config_file = value();
        else if (args[i] == "--listen") o.listen = value();
        else if (args[i] == "--room") o.room = value();
        else throw std::invalid_argument("run: unknown argument \"" + args[i] + "\"; usage: lectern run --headless [--config FILE] [--listen ADDR] [--room ID]");
    }
    if (!o.headless) throw std::invalid_argument("run: only --headless is supported; the kiosk with a screen is plain `lectern`");
    return o;
}

std::string state_line(const StationStatus& s) {
    std::string line = s.state;
    if (s.current) line += ": " + s.current->title;
    if (!s.reason.empty() && s.state == "error") line += " (" + s.reason + ")";
    return line;
}

}  // namespace

int run_run_command(const std::vector<std::string>& args) {
    const RunOptions options = parse(args);
    LecternConfig config = options.config_file.empty() ? LecternConfig{} : load_config(options.config_file);
    if (!options.listen.empty()) config.web.listen = options.listen;
    if (config.web.listen.empty()) config.web.listen = "8080";  // a room recorder is reached over its API
    parse_listen(config.web.listen);

    SystemClock clock;
    AgendaSource agenda(config.agenda, clock, true, agenda_credentials(config));
    std::unique_ptr<CaptureAgent> opencast;
    if (config.opencast.enabled()) opencast = std::make_unique<CaptureAgent>(config, clock);
    auto latest_agenda = [&] { return opencast ? opencast->agenda() : agenda.current(); };
    auto shown = latest_agenda();
    const std::string room = opencast                  ? opencast->room()
                             : !options.room.empty()   ? options.room
                             : !config.kiosk.room.empty() ? config.kiosk.room
                                                       : shown->rooms.front().id;
    if (!shown->room(room)) throw std::invalid_argument("run: room \"" + room + "\" is not in the agenda");
    if (!opencast) agenda.start_watching();
    // Opencast's events are recorded from their start to their end, as scheduled (no padding).
    const seconds padding{opencast ? 0 : config.session.padding_seconds};

    HeadlessStation station(config, shown->event.time_zone);
    if (opencast) station.on_finished([&](const std::string& media, const std::string& sidecar) { opencast->recording_finished(media, sidecar); });
    SessionController controller(shown, room, station.control());
    StatusCollector collector(config, room);
    StatusBoard board;
    CommandInbox inbox;
    std::mutex wake_mutex;
    std::condition_variable wake;
    inbox.set_wake([&] { wake.notify_one(); });

    HttpServer server(config.web);
    add_station_routes(server, board, inbox, config);
    server.start();
    std::printf("lectern run: room %s, serving http://%s:%d\n", room.c_str(), server.host().c_str(), server.port());
    std::fflush(stdout);

    std::signal(SIGTERM, on_stop_signal);
    std::signal(SIGINT, on_stop_signal);
    ServiceHealth health;
    PreviewFrame preview;
    while (!g_stop) {
        const TimePoint now = clock.now();
        if (auto latest = latest_agenda(); latest != shown) controller.set_agenda(shown = latest);
        station.tick();
        apply_remote_commands(inbox, controller, now);
        controller.tick_automatic(now, padding);
        if (opencast)
            opencast->observe_recording(controller.state() == SessionController::State::Idle ? "" : controller.live().current_item);
        StationInputs in = station.inputs();
        in.agenda = shown.get();
        in.agenda_problem = opencast ? opencast->problem() : agenda.problem();
        if (!opencast) in.agenda_confirmed = agenda.feed_status().as_of;  // set for agenda.url only
        in.controller = &controller;
        StationStatus status = collector.collect(in, now);
        const std::string line = state_line(status);
        const RecorderStatus recorder = status.recorder;
        board.publish(std::move(status));
        if (board.preview_wanted() && station.latest_preview(preview)) board.publish_preview(preview);
        health.report(recorder, line);  // reached only while this loop turns: a stuck loop stops the pings
        std::unique_lock lock(wake_mutex);
        wake.wait_for(lock, std::chrono::milliseconds(200));
    }

    std::fprintf(stderr, "<5>lectern: stopping: finishing the current file\n");
    health.stopping("finishing the current file");
    if (controller.state() != SessionController::State::Idle) controller.apply(Command{CommandKind::Stop}, clock.now());
    station.close();
    if (opencast) opencast->stop(seconds{20});  // the last file's ingest may finish first
    server.stop();
    std::fprintf(stderr, "<5>lectern: stopped cleanly\n");
    return kExitOk;
}

}  // namespace lectern
