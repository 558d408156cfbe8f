// What every HTTP target shares: its base URL, password auth from its secret, and one request
// builder with the target's TLS and stall settings.
#include "http_target.h"

#include "secrets.h"

namespace lectern {

HttpAuth password_auth(const UploadTargetConfig& target, const TargetSecret& secret) {
    HttpAuth auth;
    if (secret.present()) {
        auth.kind = target.auth == "digest" ? HttpAuth::Kind::Digest : HttpAuth::Kind::Basic;
        auth.user = secret.user;
        auth.password = secret.password;
    }
    return auth;
}

std::string insecure_credentials(const UploadTargetConfig& target, const HttpAuth& auth) {
    if (auth.kind != HttpAuth::Kind::Basic || target.allow_insecure_http) return {};
    std::unique_ptr<CURLU, CDeleter<curl_url_cleanup>> u(curl_url());
    char* scheme = nullptr;
    if (u && curl_url_set(u.get(), CURLUPART_URL, target.url.c_str(), 0) == CURLUE_OK &&
        curl_url_get(u.get(), CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK) {
        CurlText owned(scheme);
        if (std::string(scheme) != "http") return {};
    }
    return "target \"" + target.name + "\" would send its password unencrypted to " + redact_url(target.url) +
           "; use an https:// URL, or set allow_insecure_http = true on this target in a closed lab network";
}

std::string base_url(const std::string& url) {
    std::string base = url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
}

std::string resolve_url(const std::string& base, const std::string& reference) {
    std::unique_ptr<CURLU, CDeleter<curl_url_cleanup>> u(curl_url());
    if (!u || curl_url_set(u.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK ||
        curl_url_set(u.get(), CURLUPART_URL, reference.c_str(), 0) != CURLUE_OK)
        return {};
    char* text = nullptr;
    if (curl_url_get(u.get(), CURLUPART_URL, &text, 0) != CURLUE_OK) return {};
    CurlText owned(text);
    return text;
}

std::string url_path(const std::string& key) {
    std::string out;
    size_t start = 0;
    while (true) {
        size_t slash = key.find('/', start);
        std::string part = key.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        CurlText escaped(curl_easy_escape(nullptr, part.data(), static_cast<int>(part.size())));
        out += escaped ? escaped.get() : "";
        if (slash == std::string::npos) return out;
        out += '/';
        start = slash + 1;
    }
}

bool same_origin(const std::string& a, const std::string& b) {
    auto origin = [](const std::string& url) {
        std::unique_ptr<CURLU, CDeleter<curl_url_cleanup>> u(curl_url());
        std::string out;
        if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return out;
        for (CURLUPart p : {CURLUPART_SCHEME, CURLUPART_HOST, CURLUPART_PORT}) {
            char* text = nullptr;
            if (curl_url_get(u.get(), p, &text, p == CURLUPART_PORT ? CURLU_DEFAULT_PORT : 0) != CURLUE_OK) return std::string();
            CurlText owned(text);
            out += std::string(text) + "|";
        }
        return out;
    };
    std::string oa = origin(a);
    return !oa.empty() && oa == origin(b);
}

tl::expected<std::string, UploadError> read_back_sha256(HttpRequest get) {
    get.hash_response = true;
    HttpResponse r = http_perform(get);
    if (!r.ok()) return tl::unexpected(http_error("reading the recording back", get.url, r));
    return r.body_sha256;
}

tl::expected<RemoteCopy, UploadError> remote_copy(const HttpResponse& head, const std::string& url, int64_t size,
                                                  const std::function<tl::expected<RemoteCopy, UploadError>()>& same) {
    if (head.curl == CURLE_OK && (head.status == 404 || head.status == 410)) return RemoteCopy::Absent;
    if (!head.ok()) return tl::unexpected(http_error("checking what the server holds", url, head));
    if (head.header("content-length") != std::to_string(size)) return RemoteCopy::Different;
    return same();
}

HttpRequest target_request(const UploadTargetConfig& target, const HttpAuth& auth, const std::string& method,
                           const std::string& url) {
    HttpRequest rq;
    rq.method = method;
    rq.url = url;
    rq.auth = auth;
    rq.verify_tls = target.verify_tls;
    rq.ca_file = target.ca_file;
    rq.stall_timeout_s = target.stall_timeout_s;
    return rq;
}

}  // namespace lectern
