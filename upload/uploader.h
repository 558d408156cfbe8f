// The upload worker: a few named threads take due jobs from the queue, run them against their
// target, and turn every outcome into queue state (done, retry later with backoff, failed with a
// reason). Exceptions end here; the kiosk only ever sees UploadQueue::view().
#pragma once

#include "rate_limiter.h"
#include "secrets.h"
#include "upload_config.h"
#include "upload_queue.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lectern {

// Queues a finished recording for every configured target, with each target's remote key.
// Throws std::runtime_error naming the file when the sidecar cannot be read.
std::vector<int64_t> enqueue_recording(UploadQueue& queue, const UploadConfig& config,
                                       const std::string& media_path, const std::string& sidecar_path);

class Uploader {
public:
    Uploader(UploadQueue& queue, UploadConfig config, Secrets secrets);
    ~Uploader();
    Uploader(const Uploader&) = delete;
    Uploader& operator=(const Uploader&) = delete;

    // Starts config.parallel threads named "upload-1"…; jobs left by a dead process resume.
    void start();
    // Interrupts transfers at the next chunk and joins; interrupted jobs stay queued and resumable.
    void stop();
    // Blocks until no job is queued, uploading or waiting for a retry (for `lectern uploads run --once`).
    void run_until_idle();
    // While true, recording_max_kib_per_s caps uploads so the recorder keeps its disk and network.
    void set_recording_active(bool active);
    // Wakes idle workers, e.g. right after enqueue_recording.
    void wake();

private:
    void worker(int index, bool exit_when_idle);
    void process(UploadJob job);
    void update_rate();
    int64_t backoff_s(int attempts);

    UploadQueue& queue_;
    UploadConfig config_;
    Secrets secrets_;
    RateLimiter limiter_;
    std::atomic<bool> recording_{false};
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<std::thread> threads_;
};

}  // namespace lectern
