#include "finalizer.h"

#include "sha256.h"

#include <filesystem>
#include <pthread.h>

namespace fs = std::filesystem;

namespace lectern {

FinalizeJob names_for(const std::string& folder, const std::string& stem) {
    FinalizeJob job;
    for (int n = 1;; ++n) {
        std::string s = (fs::path(folder) / stem).string() + (n == 1 ? "" : "-" + std::to_string(n));
        job.final_path = s + ".mp4";
        job.sidecar_path = s + ".json";
        job.partial_path = s + ".recording.mp4";
        job.pending_path = s + ".recording.json";
        if (!fs::exists(job.final_path) && !fs::exists(job.sidecar_path) && !fs::exists(job.partial_path) &&
            !fs::exists(job.pending_path))
            return job;
    }
}

Finalizer::Finalizer() : thread_([this] { run(); }) {}

Finalizer::~Finalizer() {
    drain();
    quit_ = true;
    thread_.join();
}

void Finalizer::set_callback(Callback callback) {
    std::lock_guard lock(mutex_);
    callback_ = std::move(callback);
}

void Finalizer::submit(FinalizeJob job) {
    {
        std::lock_guard lock(mutex_);
        ++pending_;
    }
    jobs_.push(std::move(job));
}

int Finalizer::recover(const std::string& folder) {
    std::error_code ec;
    int count = 0;
    const std::string suffix = ".recording.mp4";
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        std::string name = entry.path().filename().string();
        if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        std::string stem = (fs::path(folder) / name.substr(0, name.size() - suffix.size())).string();
        FinalizeJob job;
        job.partial_path = entry.path().string();
        job.pending_path = stem + ".recording.json";
        // The finished name may have been taken since; never overwrite a finished file.
        std::string final_stem = stem;
        for (int n = 2; fs::exists(final_stem + ".mp4") || fs::exists(final_stem + ".json"); ++n)
            final_stem = stem + "-recovered" + (n == 2 ? "" : "-" + std::to_string(n - 1));
        job.final_path = final_stem + ".mp4";
        job.sidecar_path = final_stem + ".json";
        if (auto pending = read_pending(job.pending_path)) job.facts = *pending;
        job.facts.recovered = true;
        submit(std::move(job));
        ++count;
    }
    return count;
}

void Finalizer::run() {
    pthread_setname_np(pthread_self(), "lectern-final");
    while (!quit_) {
        auto job = jobs_.pop_for(std::chrono::milliseconds(100));
        if (!job) continue;
        finish(*job);
        std::lock_guard lock(mutex_);
        --pending_;
        done_.notify_all();
    }
}

void Finalizer::finish(FinalizeJob& job) {
    auto fail = [&](const std::string& why) {
        std::lock_guard lock(mutex_);
        // The fragmented file stays where it is: it plays as it is, and the next start tries again.
        errors_.push_back(why + "; " + job.partial_path + " is kept and plays as it is");
    };
    auto info = remux_to_faststart(job.partial_path, job.final_path);
    if (!info) return fail(info.error());
    SidecarFacts& f = job.facts;
    f.info = *info;
    f.media_file = fs::path(job.final_path).filename().string();
    std::error_code ec;
    f.size_bytes = static_cast<int64_t>(fs::file_size(job.final_path, ec));
    if (f.actual_end == TimePoint{})
        f.actual_end = f.actual_start + seconds(static_cast<int64_t>(std::llround(info->duration_seconds)));
    try {
        f.sha256 = sha256_file(job.final_path);
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    if (auto ok = write_file_atomically(job.sidecar_path, sidecar_json(f).dump(2) + "\n"); !ok) return fail(ok.error());
    // Only now is the finished pair durable. A clean recording's fragmented original can go; a
    // crash's original is kept (renamed so it is not recovered twice): recovery never deletes.
    if (f.recovered) {
        std::string crashed = job.partial_path.substr(0, job.partial_path.size() - 14) + ".crashed.mp4";
        fs::rename(job.partial_path, crashed, ec);
        fs::rename(job.pending_path, crashed.substr(0, crashed.size() - 4) + ".json", ec);
    } else {
        fs::remove(job.partial_path, ec);
        fs::remove(job.pending_path, ec);
    }
    FinishedRecording done{job.final_path, job.sidecar_path, f.recovered};
    Callback callback;
    {
        std::lock_guard lock(mutex_);
        finished_.push_back(done);
        if (finished_.size() > 256) finished_.pop_front();  // nobody is reading: keep the newest
        callback = callback_;
        done_.notify_all();
    }
    if (callback) callback(done);
}

std::optional<FinishedRecording> Finalizer::wait_finished(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!done_.wait_for(lock, timeout, [&] { return !finished_.empty(); })) return std::nullopt;
    FinishedRecording f = finished_.front();
    finished_.pop_front();
    return f;
}

void Finalizer::drain() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return pending_ == 0; });
}

std::vector<std::string> Finalizer::errors() const {
    std::lock_guard lock(mutex_);
    return errors_;
}

}  // namespace lectern
