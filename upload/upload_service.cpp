#include "upload_service.h"

#include "uploader.h"

#include <pthread.h>

namespace lectern {

UploadService::UploadService(const UploadConfig& config)
    : config_(config), queue_(UploadQueue::open(expand_home(config.queue_db))) {
    uploader_ = std::make_unique<Uploader>(*queue_, config_, Secrets::load(expand_home(config_.secrets_file)));
    uploader_->start();
    publisher_ = std::thread([this] { publish_views(); });
    pthread_setname_np(publisher_.native_handle(), "upload-view");  // named before anyone looks
}

UploadService::~UploadService() {
    {
        std::lock_guard lock(view_mutex_);
        stopping_ = true;
    }
    view_wake_.notify_all();
    publisher_.join();
    uploader_->stop();
}

void UploadService::publish_views() {
    std::unique_lock lock(view_mutex_);
    while (!stopping_) {
        view_stale_ = false;
        lock.unlock();
        UploadQueueView fresh;
        try {
            fresh = queue_->view();
        } catch (const std::exception&) {
            // A busy or vanished database: keep showing the last snapshot; the next round retries.
            lock.lock();
            view_wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stopping_ || view_stale_; });
            continue;
        }
        lock.lock();
        view_ = std::move(fresh);
        view_wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stopping_ || view_stale_; });
    }
}

tl::expected<void, std::string> UploadService::enqueue(const std::string& media, const std::string& sidecar) {
    try {
        enqueue_recording(*queue_, config_, media, sidecar);
    } catch (const std::exception& e) {
        return tl::unexpected(std::string(e.what()));
    }
    invalidate_view();
    uploader_->wake();
    return {};
}

UploadQueueView UploadService::view() const {
    std::lock_guard lock(view_mutex_);
    return view_;
}

void UploadService::invalidate_view() {
    {
        std::lock_guard lock(view_mutex_);
        view_stale_ = true;
    }
    view_wake_.notify_all();
}

tl::expected<void, std::string> UploadService::retry(int64_t id) {
    auto r = queue_->retry(id);
    invalidate_view();
    uploader_->wake();
    return r;
}

tl::expected<void, std::string> UploadService::pause(int64_t id) {
    auto r = queue_->pause(id);
    invalidate_view();
    return r;
}

tl::expected<void, std::string> UploadService::cancel(int64_t id) {
    auto r = queue_->cancel(id);
    invalidate_view();
    return r;
}
void UploadService::set_recording_active(bool active) { uploader_->set_recording_active(active); }

}  // namespace lectern
