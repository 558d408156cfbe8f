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
    uploader_->wake();
    return {};
}

UploadQueueView UploadService::view() const { return queue_->view(); }

tl::expected<void, std::string> UploadService::retry(int64_t id) {
    auto r = queue_->retry(id);
    uploader_->wake();
    return r;
}

tl::expected<void, std::string> UploadService::pause(int64_t id) { return queue_->pause(id); }
tl::expected<void, std::string> UploadService::cancel(int64_t id) { return queue_->cancel(id); }
void UploadService::set_recording_active(bool active) { uploader_->set_recording_active(active); }

}  // namespace lectern
