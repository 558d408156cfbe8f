// The undo window, in one place: finished recordings wait here after "next speaker" so that the
// split can still be undone (the two files joined back) before either is uploaded. Every held
// file is written down beside it (`stem.mp4.held`) before it is held, so a kill -9 or an upload
// service that did not start loses nothing: the next start hands every such file on.
//
// Threads: finished() runs on the finalizer thread (it also does the join, which takes a while);
// release_due() on the kiosk's upload-handoff thread (it writes to the upload queue); everything
// else on the kiosk's main thread. Nothing here waits for the other side.
#pragma once

#include "recording_types.h"

#include <tl/expected.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lectern {

class HeldRecordings {
public:
    using Clock = std::chrono::steady_clock;
    // Hands a recording on (the upload queue); an error keeps it held and written down, tried again later.
    using Release = std::function<tl::expected<void, std::string>(const FinishedRecording&)>;

    HeldRecordings(std::chrono::seconds window, Release release);

    // Main thread. "Next speaker": file `ended` is held for the window from now, and `next`
    // (the file recorded from now on) may be joined back to it by undo().
    void split(uint64_t ended, uint64_t next, Clock::time_point now);
    // Undo of the last split, while its window lasts: the file recorded since is joined to the
    // one before when it ends. The error says why not.
    tl::expected<void, std::string> undo(Clock::time_point now);
    // Stop: no split left to undo; held files go on at the next release.
    void stop();
    // Hands on what waited out its window (each frame); `all` at exit.
    void release_due(Clock::time_point now, bool all = false);
    // At start: files written down by an earlier run (killed, or its uploads were off) go on now.
    int recover(const std::string& folder);

    // Finalizer thread: a finished file; held when its split may still be undone, else handed on.
    void finished(const FinishedRecording& file, Clock::time_point now);

    struct Row {
        std::string media_path;
        std::string why;  // "waits while the split can be undone", or the last hand-on error
    };
    std::vector<Row> rows() const;
    std::string problem() const;

private:
    struct Held {
        FinishedRecording file;
        Clock::time_point until;
        std::string error;
        bool joining = false;
    };
    struct Split {
        uint64_t ended, next;
        Clock::time_point until;
    };
    uint64_t resolve(uint64_t id) const;  // a file joined into another is that other one now

    const std::chrono::seconds window_;
    const Release release_;
    mutable std::mutex mutex_;
    std::vector<Held> held_;
    std::optional<Split> last_split_;
    std::map<uint64_t, Clock::time_point> hold_until_;  // by file id, set at its split
    std::map<uint64_t, uint64_t> join_into_;            // next -> ended, set by undo
    std::map<uint64_t, uint64_t> joined_;               // file -> the file it became part of
    std::string problem_;
};

}  // namespace lectern
