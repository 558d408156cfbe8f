#include "agenda_source.h"

#include "agenda_diff.h"
#include "agenda_file.h"
#include "local_time.h"
#include "toml_reader.h"

#include <pthread.h>

#include <cstdio>

namespace lectern {

AgendaSource::AgendaSource(const AgendaConfig& config, const Clock& clock, bool move_demo, FetchCredentials credentials)
    : config_(config), clock_(clock) {
    if (!config_.url.empty()) {
        feed_ = std::make_unique<AgendaFeed>(
            FeedSettings{config_.url, std::move(credentials), config_.cache_dir.empty() ? default_agenda_cache_dir() : config_.cache_dir,
                         config_.fetch_timeout_seconds, config_.ca_file},
            clock_);
        publish(feed_->first());
        feed_status_ = feed_->status();
        return;
    }
    if (config_.file.empty()) {
        Agenda demo = demo_agenda();
        if (move_demo && config_.demo_move_to_today) move_demo_to_now(demo, clock_.now());
        publish(std::move(demo));
        return;
    }
    std::error_code ec;
    seen_ = std::filesystem::last_write_time(config_.file, ec);
    publish(load_agenda_file(config_.file));
}

AgendaSource::~AgendaSource() {
    {
        std::lock_guard lock(wake_mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (watcher_.joinable()) watcher_.join();
}

std::shared_ptr<const Agenda> AgendaSource::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

std::string AgendaSource::problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
}

FeedStatus AgendaSource::feed_status() const {
    std::lock_guard lock(mutex_);
    return feed_status_;
}

std::string AgendaSource::staleness(TimePoint now) const {
    std::lock_guard lock(mutex_);
    return staleness_text(feed_status_, now, current_->event.time_zone, seconds{config_.stale_after_seconds});
}

void AgendaSource::publish_reload(Agenda fresh) {
    carry_changes(*current(), fresh, clock_.now(), minutes{config_.changes_shown_minutes});
    for (const auto& change : fresh.changes)
        if (change.noticed == clock_.now()) std::fprintf(stderr, "agenda: %s: %s\n", change.title.c_str(), change.detail.c_str());
    publish(std::move(fresh));
}

bool AgendaSource::refresh_feed() {
    std::optional<Agenda> fresh = feed_->refresh();
    if (fresh) publish_reload(std::move(*fresh));
    std::lock_guard lock(mutex_);
    feed_status_ = feed_->status();
    if (feed_status_.problem.empty())
        problem_.clear();
    else
        problem_ = "The programme could not be refreshed (" + feed_status_.problem + "); showing the copy of " +
                   (feed_status_.as_of ? when_text(*feed_status_.as_of, clock_.now(), current_->event.time_zone) : "the start") + ".";
    return fresh.has_value();
}

void AgendaSource::publish(Agenda agenda) {
    auto snapshot = std::make_shared<const Agenda>(std::move(agenda));
    std::lock_guard lock(mutex_);
    current_ = std::move(snapshot);
    problem_.clear();
}

bool AgendaSource::reload_if_changed() {
    if (feed_) return refresh_feed();
    if (config_.file.empty()) return false;
    std::error_code ec;
    auto stamp = std::filesystem::last_write_time(config_.file, ec);
    if (ec) {
        std::lock_guard lock(mutex_);
        problem_ = "The agenda file " + config_.file + " is gone (" + ec.message() + "); showing the last good agenda.";
        return false;
    }
    if (stamp == seen_) return false;
    try {
        Agenda fresh = load_agenda_file(config_.file);
        check_time_zone(fresh.event.time_zone);  // the screens draw every time in it
        publish_reload(std::move(fresh));
        // Only now: a half-written file must be read again when the rest arrives within the same mtime.
        seen_ = stamp;
        return true;
    } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        problem_ = "The changed agenda has errors, so the last good one stays on screen: " + std::string(e.what());
        return false;
    }
}

void AgendaSource::start_watching() {
    if ((config_.file.empty() && !feed_) || watcher_.joinable()) return;
    watcher_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "agenda-watch");
        if (feed_) reload_if_changed();  // a programme from the cache is checked at once, not after the first wait
        std::unique_lock lock(wake_mutex_);
        while (!wake_.wait_for(lock, std::chrono::seconds(config_.reload_seconds), [this] { return stopping_; })) {
            lock.unlock();
            reload_if_changed();
            lock.lock();
        }
    });
}

}  // namespace lectern
