#include "staff_gate.h"

#include "auth.h"
#include "http_server.h"
#include "operator_access.h"
#include "sha256.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <thread>

namespace lectern {
namespace {

constexpr auto kSessionLife = std::chrono::hours(12);
const char* kCookie = "lectern_staff";

// The password of "Authorization: Basic base64(user:password)"; "" when absent or malformed.
std::string basic_password(const WebRequest& req) {
    const std::string header = req.get_header_value("Authorization");
    if (header.rfind("Basic ", 0) != 0) return "";
    const std::string b64 = header.substr(6);
    std::string decoded(b64.size() * 3 / 4 + 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                            reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
    if (n < 0) return "";
    int padding = static_cast<int>(b64.size() - std::min(b64.size(), b64.find_last_not_of('=') + 1));
    decoded.resize(static_cast<size_t>(std::max(0, n - padding)));  // DecodeBlock counts the padding as bytes
    auto colon = decoded.find(':');
    return colon == std::string::npos ? "" : decoded.substr(colon + 1);
}

std::string cookie_token(const WebRequest& req) {
    const std::string cookies = req.get_header_value("Cookie");
    const std::string key = std::string(kCookie) + "=";
    for (size_t at = 0; (at = cookies.find(key, at)) != std::string::npos; at += key.size()) {
        if (at != 0 && cookies[at - 1] != ' ' && cookies[at - 1] != ';') continue;
        size_t end = cookies.find(';', at);
        return cookies.substr(at + key.size(), end == std::string::npos ? std::string::npos : end - at - key.size());
    }
    return "";
}

}  // namespace

StaffGate::StaffGate(std::string password_hash) : hash_(std::move(password_hash)) {}

bool StaffGate::password_ok(const std::string& password) {
    if (hash_.empty() || password.empty()) return false;
    const std::string digest = sha256_hex(password);
    {
        std::lock_guard lock(mutex_);
        if (!good_digest_.empty() && secrets_equal(digest, good_digest_)) return true;
    }
    if (!pin_matches(password, hash_)) return false;  // PBKDF2: slow on purpose, outside the lock
    std::lock_guard lock(mutex_);
    good_digest_ = digest;
    return true;
}

bool StaffGate::session_ok(const WebRequest& req) {
    const std::string token = cookie_token(req);
    if (token.empty()) return false;
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(token);
    if (it == sessions_.end()) return false;
    if (it->second < std::chrono::steady_clock::now()) {
        sessions_.erase(it);
        return false;
    }
    return true;
}

std::chrono::milliseconds StaffGate::penalty(const std::string& address) {
    std::lock_guard lock(mutex_);
    int tries = wrong_tries_[address];
    if (tries == 0) return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(std::min(4000, 250 << std::min(tries - 1, 5)));
}

void StaffGate::refuse(const WebRequest& req, WebResponse& res, const std::string& why) {
    if (!req.get_header_value("Authorization").empty()) {  // a wrong password, not a first visit
        {
            std::lock_guard lock(mutex_);
            ++wrong_tries_[req.remote_addr];
        }
        std::this_thread::sleep_for(penalty(req.remote_addr));
    }
    if (req.get_header_value("X-Lectern-Page") == "1") reply_error(res, 401, why);
    else refuse_unauthorized(res, "Basic", why);
}

bool StaffGate::admit(const WebRequest& req, WebResponse& res) {
    if (hash_.empty()) {
        reply_error(res, 403, "the staff page is closed: set [archive] staff_password_hash (made by `lectern hash-pin --staff`)");
        return false;
    }
    if (session_ok(req)) return true;
    if (password_ok(basic_password(req))) {
        std::lock_guard lock(mutex_);
        wrong_tries_.erase(req.remote_addr);
        return true;
    }
    refuse(req, res, "staff password needed");
    return false;
}

void StaffGate::open_session(const WebRequest& req, WebResponse& res) {
    if (!admit(req, res)) return;
    unsigned char random[32];
    RAND_bytes(random, sizeof random);
    const std::string token = sha256_hex(std::string(reinterpret_cast<char*>(random), sizeof random));
    {
        std::lock_guard lock(mutex_);
        auto now = std::chrono::steady_clock::now();
        std::erase_if(sessions_, [&](const auto& s) { return s.second < now; });
        sessions_[token] = now + kSessionLife;
    }
    res.set_header("Set-Cookie", std::string(kCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200");
    reply(res, 200, "{\"ok\":true}", "application/json");
}

void StaffGate::close_session(const WebRequest& req, WebResponse& res) {
    {
        std::lock_guard lock(mutex_);
        sessions_.erase(cookie_token(req));
    }
    res.set_header("Set-Cookie", std::string(kCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    reply(res, 200, "{\"ok\":true}", "application/json");
}

}  // namespace lectern
