#include "recordings_browser.h"

#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace lectern {

using Clock = std::chrono::steady_clock;

RecordingsBrowser::RecordingsBrowser(BrowserSettings settings) : settings_(std::move(settings)) {
    thread_ = std::thread([this] { run(); });
}

RecordingsBrowser::~RecordingsBrowser() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();  // at most one search or one thumbnail in flight
}

void RecordingsBrowser::search(const std::string& text) {
    std::lock_guard lock(mutex_);
    if (text == wanted_query_ && snapshot_) return;
    wanted_query_ = text;
    query_dirty_ = true;
    wake_.notify_all();
}

void RecordingsBrowser::set_active(bool active) {
    std::lock_guard lock(mutex_);
    if (active == active_) return;
    active_ = active;
    follow_now_ = active;  // opening the screen brings the catalog up to date first
    wake_.notify_all();
}

std::shared_ptr<const BrowserSnapshot> RecordingsBrowser::snapshot() const {
    std::lock_guard lock(mutex_);
    return snapshot_;
}

std::vector<ReadyThumbnail> RecordingsBrowser::take_thumbnails() {
    std::lock_guard lock(mutex_);
    return std::exchange(ready_, {});
}

void RecordingsBrowser::forget_thumbnail(const std::string& media_path) {
    std::lock_guard lock(mutex_);
    thumbnailed_.erase(media_path);
    wake_.notify_all();
}

bool RecordingsBrowser::wait_settled(const std::string& text, std::chrono::milliseconds deadline) {
    std::unique_lock lock(mutex_);
    return settled_.wait_for(lock, deadline, [&] {
        return snapshot_ && snapshot_->query == text && !query_dirty_ && !decoding_ && next_thumbnail_locked().empty();
    });
}

void RecordingsBrowser::publish(BrowserSnapshot next) {
    next.generation = snapshot_ ? snapshot_->generation + 1 : 1;
    snapshot_ = std::make_shared<const BrowserSnapshot>(std::move(next));
    settled_.notify_all();
}

std::string RecordingsBrowser::next_thumbnail_locked() {
    if (!snapshot_) return "";
    for (const Recording& r : snapshot_->results)
        if (r.file_bytes > 0 && !thumbnailed_.count(r.media_path)) return r.media_path;
    return "";
}

void RecordingsBrowser::run() {
    pthread_setname_np(pthread_self(), "archive-browse");
    // Linux nices threads one by one: searches and thumbnails yield the CPU to capture and encode.
    if (settings_.low_priority) setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
    std::unique_ptr<Catalog> catalog;
    std::string problem;
    Clock::time_point next_follow = Clock::now();
    std::unique_lock lock(mutex_);
    while (!stop_) {
        const bool follow_due = active_ && (follow_now_ || Clock::now() >= next_follow);
        const std::string thumbnail = catalog ? next_thumbnail_locked() : "";
        if (!query_dirty_ && !follow_due && thumbnail.empty()) {
            if (active_) wake_.wait_until(lock, next_follow);
            else wake_.wait(lock);
            continue;
        }
        if (!catalog) {
            lock.unlock();
            try {
                catalog = settings_.open_catalog();
                problem.clear();
            } catch (const std::exception& e) {
                problem = e.what();
            }
            lock.lock();
            if (!catalog) {
                BrowserSnapshot failed;
                failed.query = wanted_query_;
                failed.problem = problem;
                publish(std::move(failed));
                query_dirty_ = false;
                wake_.wait_for(lock, std::chrono::seconds(10), [&] { return stop_ || query_dirty_; });
                query_dirty_ = true;
            }
            continue;
        }
        if (follow_due) {
            follow_now_ = false;
            next_follow = Clock::now() + settings_.follow_every;
            lock.unlock();
            try {
                settings_.follow(*catalog);
                if (settings_.list_drives) drives_ = settings_.list_drives();
                problem.clear();
            } catch (const std::exception& e) {
                problem = e.what();  // shown with the last results, which stay
            }
            lock.lock();
            query_dirty_ = true;  // new recordings or upload states may match
            continue;
        }
        if (query_dirty_) {
            BrowserSnapshot next;
            next.query = wanted_query_;
            next.drives = drives_;
            query_dirty_ = false;
            lock.unlock();
            try {
                ArchiveQuery q;
                q.text = next.query;
                q.sort = "start";
                q.descending = true;
                q.limit = settings_.limit;
                ArchivePage page = catalog->search(q);
                next.results = std::move(page.recordings);
                next.total = page.total;
                next.problem = problem;
            } catch (const std::exception& e) {
                next.problem = e.what();
            }
            lock.lock();
            if (!query_dirty_) publish(std::move(next));  // else a newer text is already waiting
            continue;
        }
        thumbnailed_.insert(thumbnail);
        decoding_ = true;
        lock.unlock();
        ReadyThumbnail ready{thumbnail, {}, {}};
        if (auto made = make_thumbnail(thumbnail, settings_.thumbnail_at_seconds, settings_.thumbnail_width))
            ready.picture = std::move(*made);
        else
            ready.error = made.error();
        lock.lock();
        decoding_ = false;
        ready_.push_back(std::move(ready));
        settled_.notify_all();
    }
}

}  // namespace lectern
