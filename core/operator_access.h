// Who may operate the kiosk: the console opens only with the PIN (stored as a salted PBKDF2 hash),
// wrong tries lock it out for a growing time, and an idle console locks itself.
#pragma once

#include "agenda.h"

#include <string>

namespace lectern {

// "pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX"; a fresh random salt each call.
std::string make_pin_hash(const std::string& pin, int iterations = 200000);
bool pin_matches(const std::string& pin, const std::string& encoded);
// Empty when the encoded hash is well-formed; otherwise what is wrong (for check-config).
std::string pin_hash_problem(const std::string& encoded);

struct OperatorAccessPolicy {
    std::string pin_hash;            // make_pin_hash() form
    int tries_before_lockout = 3;
    seconds lockout{30};             // doubles with each further lockout
    seconds idle_lock{300};
    // Where wrong tries and the lockout survive a restart (so pulling the plug does not reset the
    // count); "" = in memory only. Written on every wrong or right PIN, atomically.
    std::string state_file;
};

class OperatorAccess {
public:
    enum class Result { Opened, WrongPin, LockedOut };

    // Reads policy.state_file when it exists; a missing or unreadable file starts afresh.
    explicit OperatorAccess(OperatorAccessPolicy policy);

    Result try_pin(const std::string& pin, TimePoint now);
    bool is_open(TimePoint now);        // false once idle for policy.idle_lock (and locks)
    void touch(TimePoint now);          // the operator did something
    void lock() { open_ = false; }
    seconds locked_out_for(TimePoint now) const;  // 0 when PIN entry is allowed
    int tries_left() const { return policy_.tries_before_lockout - wrong_in_a_row_; }

private:
    void save() const;

    OperatorAccessPolicy policy_;
    bool open_ = false;
    TimePoint last_activity_{};
    int wrong_in_a_row_ = 0;
    int lockouts_ = 0;
    TimePoint locked_until_{};
};

}  // namespace lectern
