// Bytes as text, each encoding written once: lowercase hex (digests, ids) and base64 (OpenSSL's
// EVP_EncodeBlock; tus metadata, HTTP Basic credentials).
#pragma once

#include <string>
#include <string_view>

namespace lectern {

std::string to_hex(std::string_view bytes);
std::string base64(std::string_view bytes);
// The bytes a base64 text stands for (OpenSSL's EVP_DecodeBlock); "" for anything that is not
// base64 or is longer than max_text characters (by default 4 KiB: an HTTP credential never is).
std::string base64_decode(std::string_view text, size_t max_text = 4096);

}  // namespace lectern
