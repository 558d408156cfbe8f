#include "http_transfer.h"

#include "rate_limiter.h"
#include "sha256.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace lectern {
namespace {

struct FdCloser {
    int fd = -1;
    ~FdCloser() { if (fd >= 0) ::close(fd); }
};

// State shared with libcurl's callbacks for one transfer.
struct Transfer {
    const HttpRequest* request = nullptr;
    int fd = -1;
    int64_t offset = 0;
    int64_t remaining = 0;
    int64_t length = 0;   // the whole range, for rewinds
    int64_t sent = 0;
    bool aborted = false;
    HttpResponse* response = nullptr;
    std::unique_ptr<Sha256> hash;  // when the request asked for the body's SHA-256
};

size_t read_file(char* buffer, size_t size, size_t nitems, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t want = std::min<int64_t>(static_cast<int64_t>(size * nitems), t->remaining);
    if (want == 0) return 0;
    if (t->request->limiter) t->request->limiter->acquire(static_cast<int64_t>(want));
    ssize_t got;
    do got = ::pread(t->fd, buffer, want, t->offset); while (got < 0 && errno == EINTR);
    if (got <= 0) return CURL_READFUNC_ABORT;  // the file shrank or the disk failed
    t->offset += got;
    t->remaining -= got;
    t->sent += got;
    if (t->request->on_sent && !t->request->on_sent(t->sent)) {
        t->aborted = true;
        return CURL_READFUNC_ABORT;
    }
    return static_cast<size_t>(got);
}

// libcurl rewinds the body when it must send it again (digest auth, a reused connection that
// closed): back to `offset` bytes into this request's range.
int seek_file(void* user, curl_off_t offset, int origin) {
    auto* t = static_cast<Transfer*>(user);
    if (origin != SEEK_SET || offset < 0 || offset > t->length) return CURL_SEEKFUNC_CANTSEEK;
    t->offset = t->request->file_offset + offset;
    t->remaining = t->length - offset;
    t->sent = offset;
    return CURL_SEEKFUNC_OK;
}

size_t write_body(char* data, size_t size, size_t nmemb, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * nmemb;
    t->response->body_bytes += static_cast<int64_t>(n);
    if (t->hash) t->hash->update(data, n);
    else if (t->response->body.size() < (1u << 20)) t->response->body.append(data, n);
    return n;
}

size_t write_header(char* data, size_t size, size_t nmemb, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::string line(data, size * nmemb);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), ::tolower);
        std::string value = line.substr(colon + 1);
        auto b = value.find_first_not_of(" \t");
        auto e = value.find_last_not_of(" \t\r\n");
        t->response->headers[name] = b == std::string::npos ? "" : value.substr(b, e - b + 1);
    }
    return size * nmemb;
}

void global_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
}

HttpResponse http_perform(const HttpRequest& rq) {
    global_init_once();
    HttpResponse response;
    Transfer t;
    t.request = &rq;
    t.response = &response;
    if (rq.hash_response) t.hash = std::make_unique<Sha256>();
    FdCloser file;
    bool file_body = rq.file_length >= 0 || !rq.form_file_field.empty();
    if (file_body) {
        file.fd = ::open(rq.file_path.c_str(), O_RDONLY | O_CLOEXEC);
        if (file.fd < 0) {
            response.curl = CURLE_READ_ERROR;
            response.curl_error = "cannot open " + rq.file_path + ": " + std::strerror(errno);
            return response;
        }
        t.fd = file.fd;
        t.offset = rq.file_offset;
        t.remaining = rq.file_length;
        t.length = rq.file_length;
        // Sequential reads of a large recording: let the kernel read ahead, keep the cache small.
        posix_fadvise(file.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    }

    CurlEasy curl(curl_easy_init());
    CURL* c = curl.get();
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_URL, rq.url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for DNS timeouts
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, rq.stall_timeout_s);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, rq.verify_tls ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, rq.verify_tls ? 2L : 0L);
    if (!rq.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, rq.ca_file.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, write_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(c, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024);

    switch (rq.auth.kind) {
        case HttpAuth::Kind::None: break;
        case HttpAuth::Kind::Basic:
        case HttpAuth::Kind::Digest:
            curl_easy_setopt(c, CURLOPT_HTTPAUTH, rq.auth.kind == HttpAuth::Kind::Basic ? CURLAUTH_BASIC : CURLAUTH_DIGEST);
            curl_easy_setopt(c, CURLOPT_USERNAME, rq.auth.user.c_str());
            curl_easy_setopt(c, CURLOPT_PASSWORD, rq.auth.password.c_str());
            break;
        case HttpAuth::Kind::SigV4:
            curl_easy_setopt(c, CURLOPT_AWS_SIGV4, rq.auth.sigv4.c_str());
            curl_easy_setopt(c, CURLOPT_USERNAME, rq.auth.user.c_str());
            curl_easy_setopt(c, CURLOPT_PASSWORD, rq.auth.password.c_str());
            break;
    }

    CurlHeaders headers;
    for (const auto& h : rq.headers) headers.reset(curl_slist_append(headers.release(), h.c_str()));
    // A large PUT must not wait for "100 Continue" from servers that never send it. Not with
    // SigV4: curl 7.88 signs the removed header as if it were sent (measured against botocore).
    if (rq.auth.kind != HttpAuth::Kind::SigV4) headers.reset(curl_slist_append(headers.release(), "Expect:"));
    else curl_easy_setopt(c, CURLOPT_EXPECT_100_TIMEOUT_MS, 200L);

    CurlMime mime;
    if (!rq.form.empty() || !rq.form_file_field.empty()) {
        mime.reset(curl_mime_init(c));
        for (const auto& [name, value] : rq.form) {
            curl_mimepart* part = curl_mime_addpart(mime.get());
            curl_mime_name(part, name.c_str());
            curl_mime_data(part, value.c_str(), value.size());
        }
        if (!rq.form_file_field.empty()) {
            t.remaining = rq.file_length >= 0 ? rq.file_length : static_cast<int64_t>(lseek(file.fd, 0, SEEK_END));
            t.length = t.remaining;
            curl_mimepart* part = curl_mime_addpart(mime.get());
            curl_mime_name(part, rq.form_file_field.c_str());
            curl_mime_filename(part, (rq.form_file_name.empty() ? rq.file_path.substr(rq.file_path.find_last_of('/') + 1)
                                                                : rq.form_file_name).c_str());
            curl_mime_data_cb(part, t.remaining, read_file, seek_file, nullptr, &t);
        }
        curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
    } else if (rq.file_length >= 0) {
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, read_file);
        curl_easy_setopt(c, CURLOPT_READDATA, &t);
        curl_easy_setopt(c, CURLOPT_SEEKFUNCTION, seek_file);
        curl_easy_setopt(c, CURLOPT_SEEKDATA, &t);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(rq.file_length));
        if (rq.method != "PUT") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, rq.method.c_str());
    } else if (rq.method == "HEAD") {
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    } else if (rq.method == "POST" || rq.method == "PUT" || rq.method == "PATCH" || !rq.body.empty()) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq.body.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(rq.body.size()));
        if (rq.method != "POST") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, rq.method.c_str());
    } else if (rq.method != "GET") {
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, rq.method.c_str());
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

    response.curl = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
    response.aborted = t.aborted;
    if (response.curl != CURLE_OK) response.curl_error = error[0] ? error : curl_easy_strerror(response.curl);
    if (t.hash) response.body_sha256 = t.hash->hex();
    return response;
}

}  // namespace lectern
