// What the HTTP targets (WebDAV, S3, tus, Opencast) share: the target's configuration, base URL
// and auth, and the one request builder that applies the target's TLS and stall settings.
#pragma once

#include "http_transfer.h"
#include "remote_name.h"
#include "upload_config.h"
#include "upload_target.h"

#include <string>

namespace lectern {

struct TargetSecret;

// Basic or digest auth (per target.auth) from a target's secret; none when it has no secret.
HttpAuth password_auth(const UploadTargetConfig& target, const TargetSecret& secret);
// The target's URL without trailing slashes, so paths can be appended with "/".
std::string base_url(const std::string& url);
// Why the target must not send its password as it is configured ("" = fine): Basic auth over
// plain http:// is refused unless the target sets allow_insecure_http = true.
std::string insecure_credentials(const UploadTargetConfig& target, const HttpAuth& auth);
// A Location or link as the server sent it, resolved against the URL it came from (curl_url);
// "" when it is no URL.
std::string resolve_url(const std::string& base, const std::string& reference);
// A remote key as a URL path: each '/'-separated part percent-encoded as UTF-8 (RFC 3986
// unreserved characters stay), so 大厅 or "Hall A" reach the server as themselves. S3's SigV4
// canonical URI is the same encoding, so the signature covers the path as sent.
std::string url_path(const std::string& key);
// True when both URLs have the same scheme, host and port (curl_url): where credentials may go.
bool same_origin(const std::string& a, const std::string& b);
// The one request builder of the HTTP targets: method, URL, auth and the target's TLS and stall
// settings; each target adds its own headers and body.
HttpRequest target_request(const UploadTargetConfig& target, const HttpAuth& auth, const std::string& method,
                           const std::string& url);

// The SHA-256 of what the server holds, read back by `get` (a GET the target built) streamed
// through the hash.
tl::expected<std::string, UploadError> read_back_sha256(HttpRequest get);
// What a HEAD for a remote name says (remote_name.h): 404/410 absent, another size different;
// else `same()` decides whether it is this recording (metadata, or a read back).
tl::expected<RemoteCopy, UploadError> remote_copy(const HttpResponse& head, const std::string& url, int64_t size,
                                                  const std::function<tl::expected<RemoteCopy, UploadError>()>& same);

class HttpTarget : public UploadTarget {
protected:
    HttpTarget(const UploadTargetConfig& config, HttpAuth auth)
        : config_(config), base_(base_url(config.url)), auth_(std::move(auth)) {}
    HttpRequest request(const std::string& method, const std::string& url) const {
        return target_request(config_, auth_, method, url);
    }

    UploadTargetConfig config_;
    std::string base_;  // config_.url without trailing slashes
    HttpAuth auth_;
};

}  // namespace lectern
