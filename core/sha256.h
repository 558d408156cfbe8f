// SHA-256 of files, buffers and streams (OpenSSL's EVP), as lowercase hex; the one way the project
// hashes: recordings are verified at their destination with it before anything local is deleted.
#pragma once

#include "c_deleter.h"

#include <openssl/evp.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace lectern {

// For bytes that arrive in pieces (a download read back from a server).
class Sha256 {
public:
    Sha256();  // throws std::runtime_error when OpenSSL cannot set up the digest
    void update(const void* data, size_t size);
    std::string hex();  // ends the digest

private:
    std::unique_ptr<EVP_MD_CTX, CDeleter<EVP_MD_CTX_free>> ctx_;
};

// Streams the file in 1 MiB blocks (flat memory). Throws std::runtime_error naming the file.
std::string sha256_file(const std::string& path);
std::string sha256_hex(std::string_view bytes);

}  // namespace lectern
