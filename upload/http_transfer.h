// libcurl in one place for the HTTP targets: owned handles, a file range streamed from disk through
// the shared rate limiter (flat memory whatever the size), progress and abort, and errors in words.
#pragma once

#include "c_deleter.h"
#include "upload_job.h"
#include "url_redaction.h"

#include <curl/curl.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lectern {

class RateLimiter;

using CurlEasy = std::unique_ptr<CURL, CDeleter<curl_easy_cleanup>>;
using CurlHeaders = std::unique_ptr<curl_slist, CDeleter<curl_slist_free_all>>;
using CurlMime = std::unique_ptr<curl_mime, CDeleter<curl_mime_free>>;
using CurlText = std::unique_ptr<char, CDeleter<curl_free>>;  // what curl_easy_escape returns

struct HttpAuth {
    enum class Kind { None, Basic, Digest, SigV4 } kind = Kind::None;
    std::string user, password;
    std::string sigv4;  // e.g. "aws:amz:us-east-1:s3"
};


struct HttpRequest {
    std::string method = "GET";           // GET HEAD PUT POST PATCH MKCOL DELETE
    std::string url;
    std::vector<std::string> headers;     // "Name: value"
    std::string body;                     // small in-memory body (XML, form)
    std::string file_path;                // or a file range as the body
    int64_t file_offset = 0;
    int64_t file_length = -1;             // -1 = no file body
    std::vector<std::pair<std::string, std::string>> form;  // multipart/form-data text fields
    std::string form_file_field;          // multipart field streamed from file_path (whole file)
    std::string form_file_name;           // its file name; "" = file_path's
    HttpAuth auth;
    bool verify_tls = true;
    std::string ca_file;
    long stall_timeout_s = 60;            // abort when under 1 byte/s for this long
    RateLimiter* limiter = nullptr;
    std::function<bool(int64_t sent)> on_sent;  // body bytes read so far; false aborts
    bool hash_response = false;           // SHA-256 the response body instead of keeping it
};

struct HttpResponse {
    CURLcode curl = CURLE_OK;
    std::string curl_error;
    bool aborted = false;                 // on_sent returned false
    long status = 0;
    std::string body;                     // first 1 MiB
    std::map<std::string, std::string> headers;  // lower-case names, last value wins
    std::string body_sha256;
    int64_t body_bytes = 0;

    bool ok() const { return curl == CURLE_OK && status >= 200 && status < 300; }
    std::string header(const std::string& lower_name) const;
};

HttpResponse http_perform(const HttpRequest& request);

// An attempt's failure in plain words: what, where (redact_url: no secrets), what to do; classified
// as retryable (network, timeouts, 5xx, 429) or not (credentials, missing bucket, 4xx).
UploadError http_error(const std::string& what, const std::string& url, const HttpResponse& r);

}  // namespace lectern
