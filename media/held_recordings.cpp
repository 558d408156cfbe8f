#include "held_recordings.h"

#include "recording_correction.h"
#include "remux.h"
#include "segment_join.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace lectern {

namespace {

constexpr std::chrono::seconds kRetry{10};

std::string marker_of(const FinishedRecording& f) { return f.media_path + ".held"; }

void forget(const FinishedRecording& f) {
    std::error_code ec;
    fs::remove(marker_of(f), ec);
}

}  // namespace

HeldRecordings::HeldRecordings(std::chrono::seconds window, Release release) : window_(window), release_(std::move(release)) {}

uint64_t HeldRecordings::resolve(uint64_t id) const {
    for (auto it = joined_.find(id); it != joined_.end(); it = joined_.find(id)) id = it->second;
    return id;
}

void HeldRecordings::split(uint64_t ended, uint64_t next, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    hold_until_[ended] = now + window_;
    last_split_ = Split{ended, next, now + window_};
    for (Held& h : held_)
        if (h.file.file_id != 0 && h.file.file_id == resolve(ended)) h.until = std::max(h.until, now + window_);
}

tl::expected<void, std::string> HeldRecordings::undo(Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (!last_split_ || now >= last_split_->until)
        return tl::unexpected("Nothing to undo: a split can be undone for " + std::to_string(window_.count()) + " s.");
    // The file the split ended, which may still be finalizing: the join happens when the file
    // recorded since then ends, whatever arrives in between.
    join_into_[last_split_->next] = last_split_->ended;
    last_split_.reset();
    return {};
}

void HeldRecordings::stop() {
    std::lock_guard lock(mutex_);
    last_split_.reset();
    hold_until_.clear();
    for (Held& h : held_) h.until = Clock::time_point{};
}

void HeldRecordings::correct(const RecordingMeta& corrected) {
    std::lock_guard lock(mutex_);
    corrections_[corrected.item_id] = corrected;
    to_apply_.push_back(corrected);
}

void HeldRecordings::apply_corrections() {
    std::vector<RecordingMeta> given;
    std::vector<FinishedRecording> files;
    {
        std::lock_guard lock(mutex_);
        given = to_apply_;
        for (const Held& h : held_) files.push_back(h.file);
    }
    // Without the lock: rewriting a long recording takes a while, and the frame must not wait.
    std::string problem;
    for (const RecordingMeta& c : given)
        for (const FinishedRecording& f : files)
            if (auto done = correct_finished(f, c); !done) problem = "Could not correct " + f.media_path + ": " + done.error();
    std::lock_guard lock(mutex_);
    to_apply_.erase(to_apply_.begin(), to_apply_.begin() + static_cast<std::ptrdiff_t>(given.size()));
    if (!problem.empty()) problem_ = problem;
}

void HeldRecordings::finished(const FinishedRecording& file, Clock::time_point now) {
    // A correction given while this file was being finalized (the finalizer took it for files that began after).
    std::vector<RecordingMeta> corrections;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [item, c] : corrections_) corrections.push_back(c);
    }
    for (const RecordingMeta& c : corrections)
        if (auto done = correct_finished(file, c); !done) {
            std::lock_guard lock(mutex_);
            problem_ = "Could not correct " + file.media_path + ": " + done.error();
        }
    // Written down before it is held: from here on a crash or a missing upload service loses nothing.
    nlohmann::json marker = {{"media", file.media_path}, {"sidecar", file.sidecar_path}};
    auto written = write_file_atomically(marker_of(file), marker.dump() + "\n");
    std::optional<FinishedRecording> into;
    auto until_for = [&](uint64_t id) {
        auto it = hold_until_.find(id);
        return it == hold_until_.end() ? now : it->second;
    };
    {
        std::lock_guard lock(mutex_);
        if (!written) problem_ = "Cannot write down a finished recording before upload: " + written.error();
        for (const Held& h : held_)
            if (h.file.media_path == file.media_path) return;  // handed on again after a restart
        if (auto j = join_into_.find(file.file_id); file.file_id != 0 && j != join_into_.end()) {
            const uint64_t target = resolve(j->second);
            for (Held& h : held_)
                if (h.file.file_id == target) {
                    h.joining = true;
                    into = h.file;
                }
            if (!into) {
                problem_ = "Could not join the undone split: the earlier file was not finalized, so " + file.media_path +
                           " is uploaded alone.";
                join_into_.erase(j);
            }
        }
        if (!into) {
            held_.push_back({file, until_for(file.file_id), "", false});
            return;
        }
    }
    // Joining a long speech takes a while: here on the finalizer thread, without the lock.
    auto joined = join_recordings(*into, file);
    std::lock_guard lock(mutex_);
    join_into_.erase(file.file_id);
    auto target = std::find_if(held_.begin(), held_.end(), [&](const Held& h) { return h.file.media_path == into->media_path; });
    if (target != held_.end()) target->joining = false;
    if (joined && target != held_.end()) {
        forget(file);
        joined_[file.file_id] = into->file_id;
        // The joined file now ends where this one ended: it waits as long as this one would have.
        target->until = until_for(file.file_id);
        return;
    }
    if (!joined) problem_ = "Could not join the undone split, so both files are kept and uploaded: " + joined.error();
    held_.push_back({file, until_for(file.file_id), "", false});
}

void HeldRecordings::release_due(Clock::time_point now, bool all) {
    std::vector<FinishedRecording> due;
    {
        std::lock_guard lock(mutex_);
        for (const Held& h : held_) {
            bool awaited = h.joining || (!to_apply_.empty() && !all);  // a correction not yet applied
            for (const auto& [next, ended] : join_into_) awaited |= h.file.file_id != 0 && resolve(ended) == h.file.file_id;
            if (!awaited && (all || h.until <= now)) due.push_back(h.file);
        }
    }
    // Outside the lock: handing on writes to the upload queue, and the finalizer must not wait for that.
    for (const FinishedRecording& f : due) {
        auto released = release_(f);
        std::lock_guard lock(mutex_);
        auto it = std::find_if(held_.begin(), held_.end(), [&](const Held& h) { return h.file.media_path == f.media_path; });
        if (it == held_.end()) continue;
        if (released) {
            forget(f);
            held_.erase(it);
        } else {
            it->error = released.error();
            it->until = now + kRetry;
            problem_ = released.error();
        }
    }
}

int HeldRecordings::recover(const std::string& folder) {
    std::error_code ec;
    int count = 0;
    std::vector<Held> found;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().string();
        if (name.size() < 9 || name.compare(name.size() - 9, 9, ".mp4.held") != 0) continue;
        std::ifstream in(name);
        auto j = nlohmann::json::parse(in, nullptr, false);
        FinishedRecording f;
        if (j.is_object()) f = {j.value("media", ""), j.value("sidecar", ""), false, 0};
        if (f.media_path.empty() || !fs::exists(f.media_path, ec) || !fs::exists(f.sidecar_path, ec)) {
            fs::remove(name, ec);  // joined into another file, or deleted by hand: nothing to hand on
            continue;
        }
        found.push_back({f, Clock::time_point{}, "", false});
        ++count;
    }
    std::lock_guard lock(mutex_);
    for (Held& h : found) held_.push_back(std::move(h));
    return count;
}

std::vector<HeldRecordings::Row> HeldRecordings::rows() const {
    std::lock_guard lock(mutex_);
    std::vector<Row> out;
    for (const Held& h : held_) out.push_back({h.file.media_path, h.error.empty() ? "waits while the split can be undone" : h.error});
    return out;
}

std::string HeldRecordings::problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
}

}  // namespace lectern
