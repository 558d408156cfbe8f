#include "sha256.h"

#include "encoding.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace lectern {

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256: OpenSSL init failed");
}

void Sha256::update(const void* data, size_t size) { EVP_DigestUpdate(ctx_.get(), data, size); }

std::string Sha256::hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned length = 0;
    EVP_DigestFinal_ex(ctx_.get(), digest, &length);
    return to_hex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string sha256_file(const std::string& path) {
    std::unique_ptr<FILE, CDeleter<fclose>> file(std::fopen(path.c_str(), "rb"));
    if (!file) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
    Sha256 sha;
    std::vector<unsigned char> block(1 << 20);
    size_t got;
    while ((got = std::fread(block.data(), 1, block.size(), file.get())) > 0) sha.update(block.data(), got);
    if (std::ferror(file.get())) throw std::runtime_error("read error in " + path);
    return sha.hex();
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 sha;
    sha.update(bytes.data(), bytes.size());
    return sha.hex();
}

}  // namespace lectern
