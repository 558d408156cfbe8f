// One copy to a USB stick at a time, on its own thread ("archive-copy", niced like the browser),
// with a status the frame thread reads each frame: progress, then "safe to remove" or the problem.
// Display-free.
#pragma once

#include "drive_copy.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lectern {

struct DriveCopyStatus {
    enum class State { Idle, Copying, Done, Failed };
    State state = State::Idle;
    std::string drive;         // the drive's label
    ExportProgress progress;
    bool safe_to_remove = false;
    std::string message;       // what staff read when it ended
};

class DriveCopier {
public:
    DriveCopier() = default;
    ~DriveCopier();  // cancels a running copy (its .part is removed) and waits for it
    DriveCopier(const DriveCopier&) = delete;
    DriveCopier& operator=(const DriveCopier&) = delete;

    // False (and nothing starts) while another copy runs.
    bool start(std::vector<Recording> selection, const std::string& mount_point, const std::string& label);
    void cancel() { cancel_ = true; }
    DriveCopyStatus status() const;
    // Tests: waits for the copy to end; false at the deadline.
    bool wait(std::chrono::milliseconds deadline);

private:
    mutable std::mutex mutex_;
    std::condition_variable ended_;
    DriveCopyStatus status_;
    std::atomic<bool> cancel_{false};
    std::thread thread_;
};

}  // namespace lectern
