#include "s3_etag.h"

#include "c_deleter.h"
#include "encoding.h"

#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

namespace lectern {
namespace {

using Md5Context = std::unique_ptr<EVP_MD_CTX, CDeleter<EVP_MD_CTX_free>>;

Md5Context md5_start() {
    Md5Context ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr) != 1) throw std::runtime_error("OpenSSL offers no MD5 digest");
    return ctx;
}

std::string md5_end(Md5Context& ctx) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace

std::string s3_etag(const std::string& path, int64_t size, int64_t part_size) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path + " to compute its S3 ETag");
    bool multipart = part_size > 0;
    if (!multipart) part_size = size;
    std::string part_digests;
    std::vector<char> buffer(1 << 20);
    int parts = 0;
    for (int64_t offset = 0; offset < size || parts == 0; offset += part_size, ++parts) {
        Md5Context ctx = md5_start();
        for (int64_t left = std::min(part_size, size - offset); left > 0;) {
            in.read(buffer.data(), static_cast<std::streamsize>(std::min<int64_t>(left, buffer.size())));
            if (in.gcount() <= 0) throw std::runtime_error("reading " + path + " ended early while computing its S3 ETag");
            EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
            left -= in.gcount();
        }
        part_digests += md5_end(ctx);
    }
    if (!multipart) return to_hex(part_digests);
    Md5Context all = md5_start();
    EVP_DigestUpdate(all.get(), part_digests.data(), part_digests.size());
    return to_hex(md5_end(all)) + "-" + std::to_string(parts);
}

tl::expected<bool, UploadError> s3_etag_matches(const std::string& path, int64_t size, std::string etag, int64_t part_size) {
    if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
    if (etag.empty()) return false;
    try {
        return etag == s3_etag(path, size, etag.find('-') != std::string::npos ? part_size : 0);
    } catch (const std::exception& e) {
        return tl::unexpected(UploadError{true, std::string(e.what()) + "; will retry"});
    }
}

}  // namespace lectern
