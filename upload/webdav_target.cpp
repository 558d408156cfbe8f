// HTTP PUT / WebDAV target: MKCOL each missing collection, PUT the recording and its sidecar, then
// verify by HEAD (size) and, when readback_sha256 is on, by reading the object back and hashing it.
#include "http_target.h"

namespace lectern {
namespace {

class WebDavTarget final : public HttpTarget {
public:
    WebDavTarget(const UploadTargetConfig& c, const TargetSecret& s) : HttpTarget(c, password_auth(c, s)) {}

    UploadResult upload(UploadAttempt& a) override {
        if (auto r = make_collections(a.remote_key); !r) return r;
        std::string url = base_ + "/" + a.remote_key + a.media_extension;
        HttpRequest put = request("PUT", url);
        put.file_path = a.media_path;
        put.file_length = a.media_size;
        put.limiter = a.limiter;
        put.on_sent = a.progress;
        HttpResponse r = http_perform(put);
        if (!r.ok()) return tl::unexpected(http_error("uploading the recording", url, r));
        a.verifying();
        if (auto v = verify(a, url); !v) return v;
        HttpRequest side = request("PUT", base_ + "/" + a.remote_key + ".json");
        side.body = a.sidecar.raw_json;
        side.headers.push_back("Content-Type: application/json");
        r = http_perform(side);
        if (!r.ok()) return tl::unexpected(http_error("uploading the sidecar", side.url, r));
        return {};
    }

private:
    // Plain HTTP PUT servers answer MKCOL with 405 or 404; the PUT then tells whether it mattered.
    UploadResult make_collections(const std::string& key) {
        std::string path;
        for (size_t slash = key.find('/'); slash != std::string::npos; slash = key.find('/', slash + 1)) {
            path = key.substr(0, slash);
            HttpResponse r = http_perform(request("MKCOL", base_ + "/" + path + "/"));
            if (r.curl != CURLE_OK) return tl::unexpected(http_error("creating the collection", base_ + "/" + path + "/", r));
            if (r.status == 401 || r.status == 403) return tl::unexpected(http_error("creating the collection", base_ + "/" + path + "/", r));
        }
        return {};
    }

    UploadResult verify(const UploadAttempt& a, const std::string& url) {
        HttpResponse head = http_perform(request("HEAD", url));
        if (!head.ok()) return tl::unexpected(http_error("checking the uploaded recording", url, head));
        std::string length = head.header("content-length");
        if (length != std::to_string(a.media_size))
            return tl::unexpected(UploadError{true, "the server holds " + (length.empty() ? "an unknown number of" : length) +
                                                    " bytes at " + redact_url(url) + " but the recording has " +
                                                    std::to_string(a.media_size) + "; will upload again"});
        if (!config_.readback_sha256) return {};
        HttpRequest get = request("GET", url);
        get.hash_response = true;
        HttpResponse r = http_perform(get);
        if (!r.ok()) return tl::unexpected(http_error("reading the recording back", url, r));
        if (r.body_sha256 != a.media_sha256)
            return tl::unexpected(UploadError{true, "the copy at " + redact_url(url) + " differs from the recording (SHA-256); will upload again"});
        return {};
    }
};

}  // namespace

std::unique_ptr<UploadTarget> make_webdav_target(const UploadTargetConfig& c, const TargetSecret& s) {
    return std::make_unique<WebDavTarget>(c, s);
}

}  // namespace lectern
