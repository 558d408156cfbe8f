// The one object the kiosk holds for uploads: opens the queue from the configuration, runs the
// worker threads, and offers what the controller and the uploads panel need. Construct it once
// at start (it may throw with a message naming the queue file), destroy it at exit.
#pragma once

#include "upload_config.h"
#include "upload_job.h"

#include <tl/expected.hpp>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace lectern {

class UploadQueue;
class Uploader;

class UploadService {
public:
    // Opens config.queue_db and config.secrets_file ("~" expanded) and starts the workers; jobs a
    // crash left half-done resume. Throws std::runtime_error on an unusable queue or secrets file.
    explicit UploadService(const UploadConfig& config);
    ~UploadService();  // stops the workers; jobs stay queued and resumable

    // A finished recording and its sidecar (written by the recorder): one job per target.
    // The error names the file when the sidecar cannot be read.
    tl::expected<void, std::string> enqueue(const std::string& media_path, const std::string& sidecar_path);

    // The panel's rows; no secrets. Safe to call every frame: a copy of the latest snapshot, which
    // the "upload-view" thread re-reads from the queue every 250 ms (and right after an action
    // here), so the caller never waits on SQLite or on another process holding the database.
    UploadQueueView view() const;
    tl::expected<void, std::string> retry(int64_t job_id);
    tl::expected<void, std::string> pause(int64_t job_id);
    tl::expected<void, std::string> cancel(int64_t job_id);
    void set_recording_active(bool active);   // recording_max_kib_per_s applies while true

private:
    UploadConfig config_;
    std::unique_ptr<UploadQueue> queue_;
    std::unique_ptr<Uploader> uploader_;
    // The latest-value slot the publisher fills and view() copies.
    mutable std::mutex view_mutex_;
    std::condition_variable view_wake_;
    UploadQueueView view_;
    bool view_stale_ = true;
    bool stopping_ = false;
    std::thread publisher_;
    void publish_views();
    void invalidate_view();
};

}  // namespace lectern
