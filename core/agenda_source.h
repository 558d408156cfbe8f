// Where the kiosk's agenda comes from: the configured file (re-read when it changes, by the
// "agenda-watch" thread), agenda.url (refreshed by the same thread, see agenda_feed.h) or the
// embedded demo. Publishes immutable snapshots; a bad reload keeps the
// last good agenda and reports the problem instead.
#pragma once

#include "agenda.h"
#include "agenda_feed.h"
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
    // credentials: for agenda.url, from the secret agenda.secret names (resolved by the caller).
    AgendaSource(const AgendaConfig& config, const Clock& clock, bool move_demo, FetchCredentials credentials = {});
    ~AgendaSource();
    AgendaSource(const AgendaSource&) = delete;
    AgendaSource& operator=(const AgendaSource&) = delete;

    std::shared_ptr<const Agenda> current() const;
    std::string problem() const;  // empty when the last (re)load succeeded
    FeedStatus feed_status() const;  // inactive unless the agenda comes from agenda.url
    // The staleness badge ("programme as of 10:42 — offline 25 min"), or "" while the copy is fresh.
    std::string staleness(TimePoint now) const;

    // Re-reads the file if it changed since the last look (or refreshes agenda.url); true when a
    // new agenda was published.
    bool reload_if_changed();
    void start_watching();  // polls every config.reload_seconds on a named thread

private:
    void publish(Agenda agenda);
    void publish_reload(Agenda fresh);  // with the changes against the agenda shown, logged
    bool refresh_feed();

    AgendaConfig config_;
    const Clock& clock_;
    mutable std::mutex mutex_;
    std::shared_ptr<const Agenda> current_;
    std::string problem_;
    std::unique_ptr<AgendaFeed> feed_;  // used by the watcher thread only (and the constructor)
    FeedStatus feed_status_;            // its latest status, under mutex_
    std::filesystem::file_time_type seen_{};

    std::mutex wake_mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread watcher_;
};

}  // namespace lectern
