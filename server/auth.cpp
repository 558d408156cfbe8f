#include "auth.h"

#include "encoding.h"
#include "http_server.h"
#include "sha256.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>

namespace lectern {
namespace {

// The value after "<scheme> " in the Authorization header, or "" when absent or another scheme.
std::string credentials(const WebRequest& req, std::string_view scheme) {
    const std::string& h = req.get_header_value("Authorization");
    if (h.size() <= scheme.size() + 1) return {};
    if (!std::equal(scheme.begin(), scheme.end(), h.begin(),
                    [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                                std::tolower(static_cast<unsigned char>(b)); }))
        return {};
    if (h[scheme.size()] != ' ') return {};
    size_t start = h.find_first_not_of(' ', scheme.size());
    return start == std::string::npos ? std::string{} : h.substr(start);
}

}  // namespace

bool secrets_equal(std::string_view given, std::string_view expected) {
    // Comparing digests of equal length, the time taken tells nothing of either secret's length.
    const std::string a = sha256_hex(given), b = sha256_hex(expected);
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool bearer_token_matches(const WebRequest& req, const std::string& expected) {
    if (expected.empty()) return false;
    return secrets_equal(credentials(req, "Bearer"), expected);
}

bool staff_password_matches(const WebRequest& req, const std::string& expected_password,
                            const std::string& expected_user) {
    if (expected_password.empty()) return false;
    std::string pair = base64_decode(credentials(req, "Basic"));
    auto colon = pair.find(':');
    if (colon == std::string::npos) return false;
    bool user_ok = expected_user.empty() || secrets_equal(pair.substr(0, colon), expected_user);
    bool password_ok = secrets_equal(std::string_view(pair).substr(colon + 1), expected_password);
    return user_ok && password_ok;
}

void refuse_unauthorized(WebResponse& res, const std::string& scheme, const std::string& reason) {
    res.set_header("WWW-Authenticate", scheme + " realm=\"lectern\"");
    reply_error(res, 401, reason);
}

}  // namespace lectern
