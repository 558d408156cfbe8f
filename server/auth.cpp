#include "auth.h"

#include "http_server.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <vector>

namespace lectern {
namespace {

std::vector<unsigned char> digest(std::string_view bytes) {
    std::vector<unsigned char> out(EVP_MAX_MD_SIZE);
    unsigned int n = 0;
    EVP_Digest(bytes.data(), bytes.size(), out.data(), &n, EVP_sha256(), nullptr);
    out.resize(n);
    return out;
}

// The value after "<scheme> " in the Authorization header, or "" when absent or another scheme.
std::string credentials(const httplib::Request& req, std::string_view scheme) {
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

// OpenSSL's base64; "" for anything that is not base64.
std::string base64_decode(const std::string& text) {
    if (text.empty() || text.size() % 4 != 0 || text.size() > 4096) return {};
    std::string out(text.size() / 4 * 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return {};
    size_t padding = (text.end()[-1] == '=') + (text.end()[-2] == '=');  // DecodeBlock counts pad bytes
    out.resize(static_cast<size_t>(n) - padding);
    return out;
}

}  // namespace

bool secrets_equal(std::string_view given, std::string_view expected) {
    auto a = digest(given), b = digest(expected);
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool bearer_token_matches(const httplib::Request& req, const std::string& expected) {
    if (expected.empty()) return false;
    return secrets_equal(credentials(req, "Bearer"), expected);
}

bool staff_password_matches(const httplib::Request& req, const std::string& expected_password,
                            const std::string& expected_user) {
    if (expected_password.empty()) return false;
    std::string pair = base64_decode(credentials(req, "Basic"));
    auto colon = pair.find(':');
    if (colon == std::string::npos) return false;
    bool user_ok = expected_user.empty() || secrets_equal(pair.substr(0, colon), expected_user);
    bool password_ok = secrets_equal(std::string_view(pair).substr(colon + 1), expected_password);
    return user_ok && password_ok;
}

void refuse_unauthorized(httplib::Response& res, const std::string& scheme, const std::string& reason) {
    res.set_header("WWW-Authenticate", scheme + " realm=\"lectern\"");
    reply_error(res, 401, reason);
}

}  // namespace lectern
