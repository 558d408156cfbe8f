#include "encoding.h"

#include <openssl/evp.h>

#include <climits>

namespace lectern {

std::string to_hex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string base64(std::string_view bytes) {
    // EVP_EncodeBlock writes 4 characters per 3 bytes (rounded up) and a terminating NUL.
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(n < 0 ? 0 : static_cast<size_t>(n));
    return out;
}

std::string base64_decode(std::string_view text, size_t max_text) {
    if (text.empty() || text.size() % 4 != 0 || text.size() > max_text || text.size() > INT_MAX) return {};
    std::string out(text.size() / 4 * 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return {};
    size_t padding = (text.end()[-1] == '=') + (text.end()[-2] == '=');  // DecodeBlock counts pad bytes
    out.resize(static_cast<size_t>(n) - padding);
    return out;
}

}  // namespace lectern
