// HTTP PUT / WebDAV target: MKCOL each missing collection, PUT the recording and its sidecar, then
// verify: HEAD for the size, and (readback_sha256, the default) GET streamed through SHA-256, the
// only checksum a plain WebDAV server such as nginx offers. A different file already at the name
// is never replaced (remote_name.h); the same recording there counts as uploaded.
#include "http_target.h"

namespace lectern {
namespace {

class WebDavTarget final : public HttpTarget {
public:
    WebDavTarget(const UploadTargetConfig& c, const TargetSecret& s) : HttpTarget(c, password_auth(c, s)) {}

    UploadResult upload(UploadAttempt& a) override {
        auto there = claim_remote_name(a, [&](const std::string& key) { return probe(a, object_url(key + a.media_extension)); });
        if (!there) return tl::unexpected(there.error());
        std::string url = object_url(a.remote_key + a.media_extension);
        if (*there) {  // the probe read it back: an earlier attempt sent it and ended before done
            a.verifying();
            a.grade = VerifyGrade::Checksum;
        } else {
            if (auto r = make_collections(a.remote_key); !r) return r;
            HttpRequest put = request("PUT", url);
            // Servers that honour it refuse to replace a file that appeared since the probe (412).
            put.headers.push_back("If-None-Match: *");
            put.file_path = a.media_path;
            put.file_length = a.media_size;
            put.limiter = a.limiter;
            put.on_sent = a.progress;
            HttpResponse r = http_perform(put);
            if (!r.ok()) return tl::unexpected(http_error("uploading the recording", url, r));
            a.verifying();
            if (auto v = verify(a, url); !v) return v;
        }
        HttpRequest side = request("PUT", object_url(a.remote_key + ".json"));
        side.body = a.sidecar.raw_json;
        side.headers.push_back("Content-Type: application/json");
        HttpResponse r = http_perform(side);
        if (!r.ok()) return tl::unexpected(http_error("uploading the sidecar", side.url, r));
        return {};
    }

private:
    std::string object_url(const std::string& key) const { return base_ + "/" + url_path(key); }

    // Plain HTTP PUT servers answer MKCOL with 405 or 404; the PUT then tells whether it mattered.
    UploadResult make_collections(const std::string& key) {
        for (size_t slash = key.find('/'); slash != std::string::npos; slash = key.find('/', slash + 1)) {
            std::string url = object_url(key.substr(0, slash)) + "/";
            HttpResponse r = http_perform(request("MKCOL", url));
            if (r.curl != CURLE_OK || r.status == 401 || r.status == 403)
                return tl::unexpected(http_error("creating the collection", url, r));
        }
        return {};
    }

    tl::expected<RemoteCopy, UploadError> probe(const UploadAttempt& a, const std::string& url) {
        return remote_copy(http_perform(request("HEAD", url)), url, a.media_size, [&]() -> tl::expected<RemoteCopy, UploadError> {
            auto hash = read_back_sha256(request("GET", url));
            if (!hash) return tl::unexpected(hash.error());
            return *hash == a.media_sha256 ? RemoteCopy::Same : RemoteCopy::Different;
        });
    }

    UploadResult verify(UploadAttempt& a, const std::string& url) {
        HttpResponse head = http_perform(request("HEAD", url));
        if (!head.ok()) return tl::unexpected(http_error("checking the uploaded recording", url, head));
        std::string length = head.header("content-length");
        if (length != std::to_string(a.media_size))
            return tl::unexpected(UploadError{true, "the server holds " + (length.empty() ? "an unknown number of" : length) +
                                                    " bytes at " + redact_url(url) + " but the recording has " +
                                                    std::to_string(a.media_size) + "; will upload again"});
        if (!config_.readback_sha256) {
            a.grade = VerifyGrade::Size;
            return {};
        }
        auto hash = read_back_sha256(request("GET", url));
        if (!hash) return tl::unexpected(hash.error());
        if (*hash != a.media_sha256) {
            // The bad copy is ours (just written): remove it so the next attempt can use the name.
            http_perform(request("DELETE", url));
            return tl::unexpected(UploadError{true, "the copy at " + redact_url(url) + " differs from the recording (SHA-256); will upload again"});
        }
        a.grade = VerifyGrade::Checksum;
        return {};
    }
};

}  // namespace

std::unique_ptr<UploadTarget> make_webdav_target(const UploadTargetConfig& c, const TargetSecret& s) {
    return std::make_unique<WebDavTarget>(c, s);
}

}  // namespace lectern
