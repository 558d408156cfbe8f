// Turns a closed fragmented recording into the finished file on its own thread, so the encode
// thread never waits on a remux or a SHA-256: faststart MP4 (no re-encode), SHA-256, sidecar, and
// then a FinishedRecording for the upload queue. Also recovers files left behind by a crash.
#pragma once

#include "bounded_queue.h"
#include "recording_types.h"
#include "sidecar.h"

#include <tl/expected.hpp>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <map>
#include <thread>
#include <variant>

namespace lectern {

struct FinalizeJob {
    std::string partial_path;  // stem.recording.mp4 (fragmented)
    std::string pending_path;  // stem.recording.json
    std::string final_path;    // stem.mp4
    std::string sidecar_path;  // stem.json
    SidecarFacts facts;        // meta, start, end (recovery: start + duration), first frame
    uint64_t file_id = 0;      // the Start/Split command that opened it (0: recovered)
};

// Names for a new recording in folder: stem.mp4/.json/.recording.mp4/.recording.json, none taken yet.
// Fails (naming the folder) when the folder cannot be looked into, e.g. after chmod a-x.
tl::expected<FinalizeJob, std::string> names_for(const std::string& folder, const std::string& stem);

// Room left beside a faststart copy (its index, the sidecar): with less free space than the file
// plus this, the fragmented file is finalized in place instead of copied.
constexpr int64_t kFinalizeReserveBytes = 8 << 20;

class Finalizer {
public:
    using Callback = std::function<void(const FinishedRecording&)>;
    Finalizer();
    ~Finalizer();  // finishes every queued job first

    void set_callback(Callback callback);
    void submit(FinalizeJob job);
    // Queues every stem.recording.mp4 in folder (left by a crash); returns how many.
    int recover(const std::string& folder);
    // A correction of an item's title, speakers and note (the console's Edit), by corrected.item_id:
    // every file of that item finalized from now on carries it in its sidecar and tags. Then, in
    // order after the files submitted so far, on this thread: the pending records in folder (the
    // file being recorded) are rewritten, and the corrected callback runs (for files finished already).
    void correct(const RecordingMeta& corrected, const std::string& folder);
    void set_corrected_callback(std::function<void(const RecordingMeta&)> callback);
    std::optional<FinishedRecording> wait_finished(std::chrono::milliseconds timeout);
    // Waits until every submitted job is done.
    void drain();
    std::vector<std::string> errors() const;

private:
    void run();
    void finish(FinalizeJob& job);
    void hand_on(FinalizeJob& job);
    bool take_correction(RecordingMeta& meta) const;

    using Work = std::variant<FinalizeJob, std::function<void()>>;  // a file, or a task in its turn
    BoundedQueue<Work> jobs_{256};
    mutable std::mutex mutex_;
    std::condition_variable done_;
    std::deque<FinishedRecording> finished_;
    std::vector<std::string> errors_;
    std::map<std::string, RecordingMeta> corrections_;  // by item id
    Callback callback_;
    std::function<void(const RecordingMeta&)> corrected_callback_;
    int pending_ = 0;
    std::atomic<bool> quit_{false};
    std::thread thread_;
};

}  // namespace lectern
