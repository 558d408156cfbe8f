#include "uploader.h"

#include "http_target.h"
#include "retention.h"
#include "sha256.h"
#include "sidecar.h"
#include "upload_target.h"

#include <pthread.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

namespace lectern {
namespace {

namespace fs = std::filesystem;

int64_t now_unix() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void log_line(const std::string& line) {
    static std::mutex m;
    std::lock_guard lock(m);
    std::fprintf(stderr, "upload: %s\n", line.c_str());
}

const UploadTargetConfig* find_target(const UploadConfig& c, const std::string& name) {
    for (const auto& t : c.targets) if (t.name == name) return &t;
    return nullptr;
}

// The target, or nullptr with `why` set when it must not run as configured.
std::unique_ptr<UploadTarget> make_target(const UploadTargetConfig& t, const Secrets& secrets, std::string& why) {
    TargetSecret secret;
    if (t.secret != "none") secret = secrets.get(t.secret.empty() ? t.name : t.secret);
    if (t.kind == "webdav" || t.kind == "tus" || t.kind == "opencast")
        if (why = insecure_credentials(t, password_auth(t, secret)); !why.empty()) return nullptr;
    why = "target kind \"" + t.kind + "\" is not known";
    if (t.kind == "folder") return make_folder_target(t);
    if (t.kind == "webdav") return make_webdav_target(t, secret);
    if (t.kind == "s3") return make_s3_target(t, secret);
    if (t.kind == "tus") return make_tus_target(t, secret);
    if (t.kind == "opencast") return make_opencast_target(t, secret);
    return nullptr;
}

}  // namespace

std::vector<int64_t> enqueue_recording(UploadQueue& queue, const UploadConfig& config,
                                       const std::string& media_path, const std::string& sidecar_path) {
    Sidecar sidecar = read_sidecar(sidecar_path);
    std::vector<std::pair<std::string, std::string>> targets;
    for (const auto& t : config.targets)
        targets.emplace_back(t.name, expand_key_template(t.key_template, sidecar));
    std::string media = fs::absolute(media_path).lexically_normal().string();
    std::string side = fs::absolute(sidecar_path).lexically_normal().string();
    return queue.enqueue(media, side, targets);
}

Uploader::Uploader(UploadQueue& queue, UploadConfig config, Secrets secrets)
    : queue_(queue), config_(std::move(config)), secrets_(std::move(secrets)) {
    update_rate();
}

Uploader::~Uploader() { stop(); }

void Uploader::start() {
    stopping_ = false;
    int n = queue_.requeue_orphans();
    if (n > 0) log_line(std::to_string(n) + " interrupted job(s) queued again to resume");
    for (int i = 0; i < config_.parallel; ++i) threads_.emplace_back([this, i] { worker(i, false); });
}

void Uploader::run_until_idle() {
    stopping_ = false;
    int n = queue_.requeue_orphans();
    if (n > 0) log_line(std::to_string(n) + " interrupted job(s) queued again to resume");
    std::vector<std::thread> threads;
    for (int i = 0; i < config_.parallel; ++i) threads.emplace_back([this, i] { worker(i, true); });
    for (auto& t : threads) t.join();
}

void Uploader::stop() {
    stopping_ = true;
    wake_.notify_all();
    for (auto& t : threads_) if (t.joinable()) t.join();
    threads_.clear();
}

void Uploader::wake() { wake_.notify_all(); }

void Uploader::set_recording_active(bool active) {
    recording_ = active;
    update_rate();
}

void Uploader::update_rate() {
    int64_t cap = config_.max_kib_per_s;
    if (recording_ && config_.recording_max_kib_per_s > 0 && (cap == 0 || config_.recording_max_kib_per_s < cap))
        cap = config_.recording_max_kib_per_s;
    limiter_.set_rate(cap * 1024);
}

int64_t Uploader::backoff_s(int attempts) {
    // Exponential with "equal jitter": kiosks that lost the network together do not return together.
    double delay = config_.retry_initial_s;
    for (int i = 1; i < attempts && delay < config_.retry_max_s; ++i) delay *= 2;
    delay = std::min<double>(delay, config_.retry_max_s);
    thread_local std::mt19937 rng{std::random_device{}()};
    return static_cast<int64_t>(std::uniform_real_distribution<double>(delay / 2, delay)(rng) + 0.5);
}

void Uploader::worker(int index, bool exit_when_idle) {
    std::string name = "upload-" + std::to_string(index + 1);
    pthread_setname_np(pthread_self(), name.c_str());
    while (!stopping_) {
        // Exceptions end here: a queue that is locked or a disk that hiccups becomes a log line
        // and a pause, never a terminated kiosk.
        try {
            if (auto job = queue_.claim_next(now_unix())) {
                process(std::move(*job));
                continue;
            }
            if (exit_when_idle && queue_.pending() == 0) return;
        } catch (const std::exception& e) {
            log_line(name + ": queue " + queue_.path() + ": " + e.what());
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, std::chrono::milliseconds(500));
    }
}

void Uploader::process(UploadJob job) {
    auto fail = [&](const std::string& why) {
        log_line("job " + std::to_string(job.id) + " (" + job.target + ") failed: " + why);
        queue_.finish_attempt(job.id, JobState::Failed, why, 0);
    };
    try {
        const UploadTargetConfig* tc = find_target(config_, job.target);
        if (!tc) return fail("target \"" + job.target + "\" is no longer configured; add it back to [[upload.targets]] or cancel the job");
        std::error_code ec;
        if (!fs::exists(job.media_path, ec)) return fail("the recording " + job.media_path + " is missing; it cannot be uploaded");
        UploadAttempt a;
        a.media_path = job.media_path;
        a.media_size = static_cast<int64_t>(fs::file_size(job.media_path));
        a.media_extension = fs::path(job.media_path).extension().string();
        a.sidecar = read_sidecar(job.sidecar_path);
        a.remote_key = job.remote_key;
        a.resume = job.resume;
        a.limiter = &limiter_;
        if (a.sidecar.size_bytes >= 0 && a.sidecar.size_bytes != a.media_size)
            return fail("the recording " + job.media_path + " has " + std::to_string(a.media_size) + " bytes but its sidecar says " +
                        std::to_string(a.sidecar.size_bytes) + "; the file is incomplete or damaged");
        // Never send a damaged file as if it were the recording.
        if (job.local_verified && !a.sidecar.sha256.empty()) {
            a.media_sha256 = a.sidecar.sha256;
        } else {
            a.media_sha256 = sha256_file(job.media_path);
            if (!a.sidecar.sha256.empty() && a.sidecar.sha256 != a.media_sha256)
                return fail("the recording " + job.media_path + " does not match the SHA-256 in its sidecar; the file is damaged");
            queue_.set_local_verified(job.id);
        }
        std::string why;
        auto target = make_target(*tc, secrets_, why);
        if (!target) return fail(why);

        using clock = std::chrono::steady_clock;
        auto last_write = clock::now() - std::chrono::seconds(10);
        auto window_start = clock::now();
        int64_t window_bytes = 0;
        double bps = 0;
        bool interrupted = false;
        a.progress = [&](int64_t done) {
            auto now = clock::now();
            if (now - last_write < std::chrono::milliseconds(500) && !stopping_) return true;
            double secs = std::chrono::duration<double>(now - window_start).count();
            if (secs >= 1.0) {
                bps = (done - window_bytes) / secs;
                window_start = now;
                window_bytes = done;
            }
            last_write = now;
            JobState s = JobState::Uploading;
            bool mine = true;
            // Called from inside libcurl: no exception may cross it; a busy queue skips one update.
            try {
                mine = queue_.set_progress(job.id, done, a.media_size, bps);
                s = queue_.state_of(job.id);
            } catch (const std::exception&) {
            }
            if (stopping_ || !mine || s == JobState::Paused || s == JobState::Cancelled) {
                interrupted = true;
                return false;
            }
            return true;
        };
        a.save_resume = [&](const std::string& r) { queue_.set_resume(job.id, r); };
        a.rename = [&](const std::string& key) {
            queue_.set_remote_key(job.id, key);
            log_line("job " + std::to_string(job.id) + " (" + job.target + "): " + job.remote_key +
                     " holds a different file there; uploading as " + key);
        };
        a.cancelled = [&] { return queue_.state_of(job.id) == JobState::Cancelled; };
        a.verifying = [&] {
            queue_.set_progress(job.id, a.media_size, a.media_size, 0);
            queue_.mark_verifying(job.id);
        };
        log_line("job " + std::to_string(job.id) + ": " + fs::path(job.media_path).filename().string() + " → " + job.target +
                 " (attempt " + std::to_string(job.attempts) + ")");
        UploadResult r = target->upload(a);
        if (r) {
            queue_.set_progress(job.id, a.media_size, a.media_size, 0);
            queue_.set_verified(job.id, a.grade);
            queue_.finish_attempt(job.id, JobState::Done, "", 0);
            log_line("job " + std::to_string(job.id) + " (" + job.target + ") done, verified by " +
                     (a.grade == VerifyGrade::None ? "nothing" : to_string(a.grade)));
            std::vector<std::string> kept;
            apply_retention(queue_, config_, &kept);
            for (const auto& line : kept) log_line(line);
            return;
        }
        if (interrupted || stopping_) {
            // Paused, cancelled (finish_attempt keeps those) or shutting down: resume later, no penalty.
            queue_.finish_attempt(job.id, JobState::Queued, stopping_ ? "interrupted by shutdown; will resume" : "", 0);
            return;
        }
        if (r.error().retryable && job.attempts < config_.max_attempts) {
            int64_t wait = backoff_s(job.attempts);
            log_line("job " + std::to_string(job.id) + " (" + job.target + "): " + r.error().message + " (retry in " +
                     std::to_string(wait) + " s)");
            queue_.finish_attempt(job.id, JobState::Queued, r.error().message, now_unix() + wait);
            return;
        }
        fail(r.error().message);
    } catch (const std::exception& e) {
        fail(e.what());
    }
}

}  // namespace lectern
