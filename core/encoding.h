// Bytes as text, each encoding written once: lowercase hex (digests, ids) and base64 (OpenSSL's
// EVP_EncodeBlock; tus metadata).
#pragma once

#include <string>
#include <string_view>

namespace lectern {

std::string to_hex(std::string_view bytes);
std::string base64(std::string_view bytes);

}  // namespace lectern
