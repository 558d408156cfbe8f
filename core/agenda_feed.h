// A programme that lives at agenda.url: fetched off the frame thread by the agenda-watch thread with a
// conditional GET, parsed only when it changed, its last good copy cached on disk (and used at start
// when the network is down), and a status the screens turn into a staleness badge.
#pragma once

#include "agenda.h"
#include "agenda_cache.h"
#include "agenda_fetch.h"
#include "clock.h"

#include <optional>
#include <string>

namespace lectern {

struct FeedStatus {
    bool active = false;                      // the agenda comes from agenda.url
    std::string source;                       // the URL without credentials or query
    std::optional<TimePoint> as_of;           // when the server last confirmed the copy shown
    std::optional<TimePoint> failing_since;   // the first of the current run of failed refreshes
    std::string problem;                      // why the last refresh failed; "" when it worked
    int requests = 0, not_modified = 0, parses = 0;
};

// "programme as of 10:42 — offline 25 min" when the copy is older than stale_after; "" otherwise.
std::string staleness_text(const FeedStatus& status, TimePoint now, const std::string& zone, seconds stale_after);

struct FeedSettings {
    std::string url;
    FetchCredentials credentials;
    std::string cache_dir;
    int timeout_seconds = 20;
    std::string ca_file;
};

class AgendaFeed {
public:
    AgendaFeed(FeedSettings settings, const Clock& clock);

    // At start: the cached copy if there is one (a refresh follows on the watcher), else a blocking
    // first fetch. Throws InputError naming why when neither gives a programme.
    Agenda first();
    // One refresh: nullopt when nothing new (304, or a failure kept in status()).
    std::optional<Agenda> refresh();
    const FeedStatus& status() const { return status_; }

private:
    std::optional<Agenda> take(FetchResult fetched);
    void failed(const std::string& why);

    FeedSettings settings_;
    const Clock& clock_;
    AgendaCache cache_;
    CachedCopy meta_;  // validators and time of the copy shown (body not kept)
    FeedStatus status_;
};

}  // namespace lectern
