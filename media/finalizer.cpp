#include "finalizer.h"

#include "disk_watch.h"
#include "recording_correction.h"
#include "sha256.h"

#include <filesystem>
#include <fstream>
#include <pthread.h>

namespace fs = std::filesystem;

namespace lectern {

namespace {

// exists() without exceptions: a folder that lost its x permission must not end the encode thread.
tl::expected<bool, std::string> taken(const std::string& path) {
    std::error_code ec;
    bool found = fs::exists(path, ec);
    if (ec) return tl::unexpected("cannot look at " + path + " (" + ec.message() + "); check the output folder's permissions");
    return found;
}

// The finished pair of an earlier run whose finalizer was stopped after writing both files (the
// sidecar is written last, and names the media file's size).
bool finished_pair(const std::string& media, const std::string& sidecar) {
    std::ifstream in(sidecar);
    if (!in) return false;
    auto j = nlohmann::json::parse(in, nullptr, false);
    std::error_code ec;
    const auto size = fs::file_size(media, ec);
    return !ec && j.is_object() && j.value("size_bytes", int64_t{-1}) == static_cast<int64_t>(size);
}

}  // namespace

tl::expected<FinalizeJob, std::string> names_for(const std::string& folder, const std::string& stem) {
    FinalizeJob job;
    for (int n = 1;; ++n) {
        std::string s = (fs::path(folder) / stem).string() + (n == 1 ? "" : "-" + std::to_string(n));
        job.final_path = s + ".mp4";
        job.sidecar_path = s + ".json";
        job.partial_path = s + ".recording.mp4";
        job.pending_path = s + ".recording.json";
        bool any = false;
        for (const std::string* p : {&job.final_path, &job.sidecar_path, &job.partial_path, &job.pending_path}) {
            auto t = taken(*p);
            if (!t) return tl::unexpected(t.error());
            any |= *t;
        }
        if (!any) return job;
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
    jobs_.push(Work(std::move(job)));
}

void Finalizer::set_corrected_callback(std::function<void(const RecordingMeta&)> callback) {
    std::lock_guard lock(mutex_);
    corrected_callback_ = std::move(callback);
}

void Finalizer::correct(const RecordingMeta& corrected, const std::string& folder) {
    if (corrected.item_id.empty()) return;
    {
        std::lock_guard lock(mutex_);
        corrections_[corrected.item_id] = corrected;
        ++pending_;
    }
    jobs_.push(Work([this, corrected, folder] {
        std::function<void(const RecordingMeta&)> callback;
        {
            std::lock_guard lock(mutex_);
            callback = corrected_callback_;
        }
        if (auto ok = rewrite_pending_records(folder, corrected); !ok) {
            std::lock_guard lock(mutex_);
            errors_.push_back(ok.error());
        }
        if (callback) callback(corrected);
    }));
}

bool Finalizer::take_correction(RecordingMeta& meta) const {
    std::lock_guard lock(mutex_);
    auto c = corrections_.find(meta.item_id);
    if (c == corrections_.end() || meta.item_id.empty()) return false;
    meta = with_correction(meta, c->second);
    return true;
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
        // The stem was free when the recording began and its .recording file kept it reserved, so
        // stem.mp4 and stem.json can only be this recording's own, finalized before the crash
        // (complete: handed on again, not made twice) or half-way (made again).
        job.final_path = stem + ".mp4";
        job.sidecar_path = stem + ".json";
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
        auto work = jobs_.pop_for(std::chrono::milliseconds(100));
        if (!work) continue;
        auto* job = std::get_if<FinalizeJob>(&*work);
        const std::string what = job ? "finalizing " + job->partial_path : std::string("correcting a recording");
        // Nothing may end the process here: an error is reported and the recording kept as it is.
        try {
            if (job) finish(*job);
            else std::get<std::function<void()>>(*work)();
        } catch (const std::exception& e) {
            std::lock_guard lock(mutex_);
            errors_.push_back(what + ": " + e.what() + "; the file is kept");
        } catch (...) {
            std::lock_guard lock(mutex_);
            errors_.push_back(what + ": an unknown error; the file is kept");
        }
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
    SidecarFacts& f = job.facts;
    if (f.recovered && finished_pair(job.final_path, job.sidecar_path)) return hand_on(job);
    std::error_code ec;
    // The faststart copy needs as much room again; on a disk that cannot hold it (the disk stop
    // limit fires when it is nearly full) the fragmented file itself becomes the finished one: it
    // plays everywhere, only without its index at the front.
    const int64_t size = static_cast<int64_t>(fs::file_size(job.partial_path, ec));
    const int64_t room = free_bytes(fs::path(job.final_path).parent_path().string());
    const bool in_place = room >= 0 && !ec && room < size + kFinalizeReserveBytes;
    // A correction made while the file was recorded: the copy's tags say it too (in place, only the sidecar).
    const bool corrected = take_correction(f.meta);
    auto info = in_place ? tl::expected<MediaInfo, std::string>(tl::unexpect, "not enough room for a copy")
                         : remux_to_faststart(job.partial_path, job.final_path, corrected ? mp4_tags(f.meta, f.actual_start) : Mp4Tags{});
    const std::string media = info ? job.final_path : job.partial_path;
    if (!info) {
        info = read_media_info(job.partial_path);
        if (!info) return fail(info.error());
        f.in_place = true;
    }
    f.info = *info;
    f.media_file = fs::path(job.final_path).filename().string();
    f.size_bytes = static_cast<int64_t>(fs::file_size(media, ec));
    if (f.actual_end == TimePoint{})
        f.actual_end = f.actual_start + seconds(static_cast<int64_t>(std::llround(info->duration_seconds)));
    try {
        f.sha256 = sha256_file(media);
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    if (auto ok = write_file_atomically(job.sidecar_path, sidecar_json(f).dump(2) + "\n"); !ok) return fail(ok.error());
    // In place: the sidecar already names stem.mp4; until this rename the .recording file is
    // recovered again at the next start, so nothing is lost in between.
    if (f.in_place) {
        if (f.recovered) {
            // Recovery never deletes the crashed original: the finished file is a copy of it, or
            // (no room for a copy) the original itself, hard-linked.
            fs::remove(job.final_path, ec);
            fs::create_hard_link(job.partial_path, job.final_path, ec);
        } else {
            fs::rename(job.partial_path, job.final_path, ec);
        }
        if (ec) return fail("cannot rename " + job.partial_path + " to " + job.final_path + " (" + ec.message() + ")");
    }
    hand_on(job);
}

// The finished pair is durable: it goes to the callback (the upload hand-over) before the
// .recording files go, so a crash in between hands it on again at the next start.
void Finalizer::hand_on(FinalizeJob& job) {
    FinishedRecording done{job.final_path, job.sidecar_path, job.facts.recovered, job.file_id};
    Callback callback;
    {
        std::lock_guard lock(mutex_);
        callback = callback_;
    }
    if (callback) callback(done);
    std::error_code ec;
    // A clean recording's fragmented original can go; a crash's original is kept (renamed so it is
    // not recovered twice): recovery never deletes.
    if (job.facts.recovered) {
        std::string crashed = job.partial_path.substr(0, job.partial_path.size() - 14) + ".crashed.mp4";
        if (fs::exists(job.partial_path, ec)) fs::rename(job.partial_path, crashed, ec);
        fs::rename(job.pending_path, crashed.substr(0, crashed.size() - 4) + ".json", ec);
    } else {
        if (!job.facts.in_place) fs::remove(job.partial_path, ec);
        fs::remove(job.pending_path, ec);
    }
    std::lock_guard lock(mutex_);
    finished_.push_back(done);
    if (finished_.size() > 256) finished_.pop_front();  // nobody is reading: keep the newest
    done_.notify_all();
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
