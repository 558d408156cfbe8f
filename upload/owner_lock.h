// Who owns an upload job: each open queue holds a lock file <queue>.owners/<token>.lock with flock
// for its whole life, and claims jobs under that token. The kernel drops the lock when the process
// ends however it ends (kill -9, a crash, a zombie not yet reaped), so whether a job's owner still
// lives never rests on a PID, which a reboot reuses.
#pragma once

#include <string>

namespace lectern {

class OwnerLock {
public:
    // Creates the folder and the locked file; throws std::runtime_error naming them.
    explicit OwnerLock(const std::string& queue_path);
    ~OwnerLock();
    OwnerLock(const OwnerLock&) = delete;
    OwnerLock& operator=(const OwnerLock&) = delete;

    const std::string& token() const { return token_; }
    // True while the process holding `token`'s lock lives; false when the lock is free or gone
    // (that owner ended; its file is removed) or the token is empty (rows from older versions).
    bool alive(const std::string& token) const;

private:
    std::string dir_;
    std::string token_;
    int fd_ = -1;
};

}  // namespace lectern
