// Where the kiosk's agenda comes from: the configured file (re-read when it changes, by the
// "agenda-watch" thread) or the embedded demo. Publishes immutable snapshots; a bad reload keeps the
// last good agenda and reports the problem instead.
#pragma once

#include "agenda.h"
#include "clock.h"
#include "lectern_config.h"

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace lectern {

class AgendaSource {
public:
    // Loads now; throws InputError when the first load fails (the kiosk cannot start without one).
    // move_demo: move the embedded demo's times to the clock's now (off for screenshots with --at).
    AgendaSource(const AgendaConfig& config, const Clock& clock, bool move_demo);
    ~AgendaSource();
    AgendaSource(const AgendaSource&) = delete;
    AgendaSource& operator=(const AgendaSource&) = delete;

    std::shared_ptr<const Agenda> current() const;
    std::string problem() const;  // empty when the last (re)load succeeded

    // Re-reads the file if it changed since the last look; true when a new agenda was published.
    bool reload_if_changed();
    void start_watching();  // polls every config.reload_seconds on a named thread

private:
    void publish(Agenda agenda);

    AgendaConfig config_;
    const Clock& clock_;
    mutable std::mutex mutex_;
    std::shared_ptr<const Agenda> current_;
    std::string problem_;
    std::filesystem::file_time_type seen_{};

    std::mutex wake_mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread watcher_;
};

}  // namespace lectern
