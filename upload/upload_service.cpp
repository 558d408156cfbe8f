#include "upload_service.h"

#include "uploader.h"

namespace lectern {

UploadService::UploadService(const UploadConfig& config)
    : config_(config), queue_(UploadQueue::open(expand_home(config.queue_db))) {
    uploader_ = std::make_unique<Uploader>(*queue_, config_, Secrets::load(expand_home(config_.secrets_file)));
    uploader_->start();
}

UploadService::~UploadService() { uploader_->stop(); }

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
    auto now = std::chrono::steady_clock::now();
    if (now - view_time_ >= std::chrono::milliseconds(250)) {
        view_ = queue_->view();
        view_time_ = now;
    }
    return view_;
}

void UploadService::invalidate_view() const {
    std::lock_guard lock(view_mutex_);
    view_time_ = {};
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
