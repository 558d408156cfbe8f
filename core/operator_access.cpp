#include "operator_access.h"

#include "encoding.h"

#include "sha256.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace lectern {
namespace {

std::string hex(const std::vector<unsigned char>& bytes) {
    return to_hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

bool unhex(const std::string& text, std::vector<unsigned char>& out) {
    if (text.size() % 2) return false;
    out.clear();
    for (size_t i = 0; i < text.size(); i += 2) {
        unsigned value = 0;
        if (std::sscanf(text.c_str() + i, "%2x", &value) != 1) return false;
        out.push_back(static_cast<unsigned char>(value));
    }
    return true;
}

std::vector<unsigned char> derive(const std::string& pin, const std::vector<unsigned char>& salt, int iterations) {
    std::vector<unsigned char> key(32);
    PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt.data(), static_cast<int>(salt.size()), iterations, EVP_sha256(),
                      static_cast<int>(key.size()), key.data());
    return key;
}

struct Parsed {
    int iterations = 0;
    std::vector<unsigned char> salt, hash;
};

bool parse(const std::string& encoded, Parsed& p) {
    std::istringstream in(encoded);
    std::string scheme, iterations, salt, hash;
    if (!std::getline(in, scheme, '$') || !std::getline(in, iterations, '$') || !std::getline(in, salt, '$') ||
        !std::getline(in, hash))
        return false;
    if (scheme != "pbkdf2-sha256") return false;
    try {
        p.iterations = std::stoi(iterations);
    } catch (const std::exception&) {
        return false;
    }
    return p.iterations >= 1000 && unhex(salt, p.salt) && p.salt.size() >= 8 && unhex(hash, p.hash) && p.hash.size() == 32;
}

}  // namespace

std::string make_pin_hash(const std::string& pin, int iterations) {
    std::vector<unsigned char> salt(16);
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) throw std::runtime_error("no random bytes for the PIN salt");
    return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + hex(salt) + "$" + hex(derive(pin, salt, iterations));
}

bool pin_matches(const std::string& pin, const std::string& encoded) {
    Parsed p;
    if (!parse(encoded, p)) return false;
    const auto key = derive(pin, p.salt, p.iterations);
    return CRYPTO_memcmp(key.data(), p.hash.data(), key.size()) == 0;  // constant time
}

std::string pin_hash_problem(const std::string& encoded) {
    Parsed p;
    if (parse(encoded, p)) return "";
    return "is not a PIN hash; make one with: lectern hash-pin (it prints pbkdf2-sha256$ITERATIONS$SALT$HASH)";
}

OperatorAccess::OperatorAccess(OperatorAccessPolicy policy) : policy_(std::move(policy)) {
    if (policy_.state_file.empty()) return;
    std::ifstream in(policy_.state_file);
    const nlohmann::json state = nlohmann::json::parse(in, nullptr, false);
    if (!state.is_object()) return;  // no file yet, or cut short by a power cut: start afresh
    wrong_in_a_row_ = std::clamp(state.value("wrong_in_a_row", 0), 0, policy_.tries_before_lockout - 1);
    lockouts_ = std::clamp(state.value("lockouts", 0), 0, 30);
    locked_until_ = TimePoint{seconds{state.value("locked_until_unix", int64_t{0})}};
}

void OperatorAccess::save() const {
    if (policy_.state_file.empty()) return;
    const nlohmann::json state = {{"wrong_in_a_row", wrong_in_a_row_},
                                  {"lockouts", lockouts_},
                                  {"locked_until_unix", std::chrono::duration_cast<seconds>(locked_until_.time_since_epoch()).count()}};
    // Written beside and renamed over, so a crash leaves the old state or the new one.
    const std::string temporary = policy_.state_file + ".tmp";
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(policy_.state_file).parent_path(), ec);
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << state.dump() << "\n";
        if (!out.flush()) return;  // an unwritable folder keeps the lockout in memory only
    }
    std::filesystem::rename(temporary, policy_.state_file, ec);
}

OperatorAccess::Result OperatorAccess::try_pin(const std::string& pin, TimePoint now) {
    if (locked_out_for(now) > seconds{0}) return Result::LockedOut;
    if (pin_matches(pin, policy_.pin_hash)) {
        open_ = true;
        wrong_in_a_row_ = 0;
        lockouts_ = 0;
        last_activity_ = now;
        save();
        return Result::Opened;
    }
    Result result = Result::WrongPin;
    if (++wrong_in_a_row_ >= policy_.tries_before_lockout) {
        locked_until_ = now + policy_.lockout * (1 << std::min(lockouts_, 6));
        ++lockouts_;
        wrong_in_a_row_ = 0;
        result = Result::LockedOut;
    }
    save();
    return result;
}

bool OperatorAccess::is_open(TimePoint now) {
    if (open_ && now - last_activity_ >= policy_.idle_lock) open_ = false;
    return open_;
}

void OperatorAccess::touch(TimePoint now) {
    if (open_) last_activity_ = now;
}

seconds OperatorAccess::locked_out_for(TimePoint now) const { return locked_until_ > now ? locked_until_ - now : seconds{0}; }

}  // namespace lectern
