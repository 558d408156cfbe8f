// Who may use the staff page and /api/v1/recordings: the staff password (stored as a PBKDF2 hash,
// like the console PIN, never the PIN itself), sent as HTTP Basic by scripts or exchanged once by
// the page for a session cookie. Wrong passwords wait longer each time (per client address), so
// guessing is slow; a right one is remembered as a digest, so PBKDF2 runs once, not per request.
#pragma once

#include "web_types.h"

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace lectern {

class StaffGate {
public:
    // An empty hash closes everything (the page says how to set one).
    explicit StaffGate(std::string password_hash);

    // True when the request carries the password or a live session; otherwise answers 401 (with
    // a Basic challenge unless the page asked, "X-Lectern-Page: 1") and returns false.
    bool admit(const WebRequest& req, WebResponse& res);
    // POST /api/v1/session with the password as Basic: sets the session cookie (12 h, HttpOnly).
    void open_session(const WebRequest& req, WebResponse& res);
    void close_session(const WebRequest& req, WebResponse& res);

    // The delay before the next wrong answer to this address (grows 0.25 s, 0.5 s, … up to 4 s).
    std::chrono::milliseconds penalty(const std::string& address);

private:
    bool password_ok(const std::string& password);
    bool session_ok(const WebRequest& req);
    void refuse(const WebRequest& req, WebResponse& res, const std::string& why);

    std::mutex mutex_;
    std::string hash_;
    std::string good_digest_;  // SHA-256 of a password that matched the hash
    std::map<std::string, std::chrono::steady_clock::time_point> sessions_;  // token → expiry
    std::map<std::string, int> wrong_tries_;                                 // address → in a row
};

}  // namespace lectern
