#include "agenda_feed.h"

#include "local_time.h"
#include "schedule_import.h"
#include "toml_reader.h"

namespace lectern {

std::string staleness_text(const FeedStatus& status, TimePoint now, const std::string& zone, seconds stale_after) {
    if (!status.active || !status.as_of || now - *status.as_of <= stale_after) return "";
    auto minutes_text = [](seconds s) {
        const long long m = std::chrono::duration_cast<minutes>(s).count();
        if (m < 1) return std::string("under a minute");  // stale_after may be under a minute
        if (m < 60) return std::to_string(m) + " min";
        return std::to_string(m / 60) + " h" + (m % 60 ? " " + std::to_string(m % 60) + " min" : "");
    };
    std::string text = "programme as of " + when_text(*status.as_of, now, zone);
    if (status.failing_since) text += " — offline " + minutes_text(now - *status.failing_since);
    else text += " — not refreshed for " + minutes_text(now - *status.as_of);
    return text;
}

AgendaFeed::AgendaFeed(FeedSettings settings, const Clock& clock)
    : settings_(std::move(settings)), clock_(clock), cache_(settings_.cache_dir, settings_.url) {
    status_.active = true;
    status_.source = display_url(settings_.url);
}

void AgendaFeed::failed(const std::string& why) {
    status_.problem = why;
    if (!status_.failing_since) status_.failing_since = clock_.now();
}

Agenda AgendaFeed::first() {
    if (auto cached = cache_.load()) {
        try {
            Agenda agenda = import_schedule(cached->body, status_.source + " (cached)");
            cached->body.clear();
            meta_ = std::move(*cached);
            status_.as_of = meta_.confirmed_at;
            return agenda;
        } catch (const InputError&) {
            // A cache that no longer parses (an older Lectern wrote it): fetch instead.
        }
    }
    if (auto agenda = refresh()) return std::move(*agenda);
    throw InputError({{status_.source, 0, 0, "agenda.url",
                       "cannot be fetched (" + status_.problem + ") and there is no cached copy yet; check the network or the URL"}});
}

std::optional<Agenda> AgendaFeed::refresh() {
    FetchRequest request{settings_.url, meta_.etag, meta_.last_modified, settings_.credentials, settings_.timeout_seconds,
                         settings_.ca_file};
    ++status_.requests;
    FetchResult fetched = fetch_schedule(request);
    if (fetched.outcome == FetchResult::Outcome::Failed) {
        failed(fetched.error);
        return std::nullopt;
    }
    status_.failing_since.reset();
    status_.problem.clear();
    if (fetched.outcome == FetchResult::Outcome::NotModified) {
        ++status_.not_modified;
        meta_.confirmed_at = clock_.now();
        status_.as_of = meta_.confirmed_at;
        cache_.confirm(meta_);
        return std::nullopt;
    }
    return take(std::move(fetched));
}

std::optional<Agenda> AgendaFeed::take(FetchResult fetched) {
    ++status_.parses;
    try {
        Agenda agenda = import_schedule(fetched.body, status_.source);
        check_time_zone(agenda.event.time_zone);
        CachedCopy copy{std::move(fetched.body), fetched.etag, fetched.last_modified, clock_.now()};
        if (std::string problem = cache_.store(copy); !problem.empty()) agenda.import_notes.push_back("not cached: " + problem);
        copy.body.clear();
        meta_ = std::move(copy);
        status_.as_of = meta_.confirmed_at;
        return agenda;
    } catch (const std::exception& e) {
        // The server answered, but not with a programme (a login page, a half-published file): the
        // copy shown stays, and so do its validators, so the next refresh fetches the new content again.
        failed(std::string("not a schedule: ") + e.what());
        return std::nullopt;
    }
}

}  // namespace lectern
