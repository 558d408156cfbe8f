#include "upload_handoff.h"

#include <pthread.h>

#include <chrono>
#include <exception>

namespace lectern {

namespace {

// How often held files are checked against their undo window: a file goes on at most this late.
constexpr std::chrono::milliseconds kRound{250};

}  // namespace

UploadHandoff::UploadHandoff(HeldRecordings& held, UploadService* uploads, std::function<void(const std::string&)> on_problem)
    : held_(held), uploads_(uploads), on_problem_(std::move(on_problem)), thread_([this] { run(); }) {}

UploadHandoff::~UploadHandoff() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void UploadHandoff::post(const std::vector<Intent>& intents) {
    bool any = false;
    {
        std::lock_guard lock(mutex_);
        for (const Intent& i : intents)
            if (i.kind == IntentKind::RetryUpload || i.kind == IntentKind::PauseUpload || i.kind == IntentKind::CancelUpload) {
                pending_.push_back(i);
                any = true;
            }
    }
    if (any) wake_.notify_all();
}

void UploadHandoff::apply(const Intent& i) {
    if (!uploads_) return;
    tl::expected<void, std::string> done;
    if (i.kind == IntentKind::RetryUpload) done = uploads_->retry(i.upload_id);
    if (i.kind == IntentKind::PauseUpload) done = uploads_->pause(i.upload_id);
    if (i.kind == IntentKind::CancelUpload) done = uploads_->cancel(i.upload_id);
    if (!done) on_problem_(done.error());
}

void UploadHandoff::run() {
    pthread_setname_np(pthread_self(), "upload-handoff");
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, kRound, [this] { return stopping_ || !pending_.empty(); });
        std::vector<Intent> intents;
        intents.swap(pending_);
        lock.unlock();
        // Exceptions end here, at the thread's boundary: a failure is a problem on the console.
        try {
            for (const Intent& i : intents) apply(i);
            held_.release_due(std::chrono::steady_clock::now());
        } catch (const std::exception& e) {
            on_problem_(std::string("Upload hand-off failed: ") + e.what());
        }
        lock.lock();
    }
}

}  // namespace lectern
