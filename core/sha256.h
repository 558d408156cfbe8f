// SHA-256 of files and buffers (OpenSSL's EVP), as lowercase hex; used to verify recordings at
// their destination before anything local is deleted.
#pragma once

#include <string>
#include <string_view>

namespace lectern {

// Streams the file in 1 MiB blocks (flat memory). Throws std::runtime_error naming the file.
std::string sha256_file(const std::string& path);
std::string sha256_hex(std::string_view bytes);

}  // namespace lectern
