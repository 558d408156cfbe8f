// What a route handler of the embedded web server sees: Lectern's own request and response (named
// Web… to keep them apart from upload/'s client-side HttpRequest), with only what the handlers use:
// method, path, the pattern's groups, query, headers, body, client address; status, body, type,
// headers, or a file sent whole or in a byte range. http_daemon.cpp fills one from libmicrohttpd and
// sends the other; handlers and their tests need no HTTP library.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lectern {

struct WebRequest {
    std::string method;       // "GET", "HEAD", "POST", …
    std::string path;         // decoded, without the query
    std::vector<std::string> matches;  // of a pattern route: [0] the path, [1]… the groups
    std::vector<std::pair<std::string, std::string>> params;   // decoded query, in order
    std::vector<std::pair<std::string, std::string>> headers;  // as received
    std::string body;
    std::string remote_addr;  // the client's address, e.g. "127.0.0.1"

    bool has_header(std::string_view name) const;  // names compare without case
    // The first header of that name, "" when there is none.
    const std::string& get_header_value(std::string_view name) const;
    void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
    bool has_param(std::string_view key) const;
    const std::string& get_param_value(std::string_view key) const;  // "" when absent
};

// An open file answered in one piece or, when the request asks for it, in a byte range (206/416).
class FileBody {
public:
    FileBody() = default;
    FileBody(int fd, uint64_t size) : fd_(fd), size_(size) {}
    FileBody(FileBody&& other) noexcept : fd_(std::exchange(other.fd_, -1)), size_(other.size_) {}
    FileBody& operator=(FileBody&& other) noexcept;
    ~FileBody();
    bool empty() const { return fd_ < 0; }
    int release() { return std::exchange(fd_, -1); }  // the caller closes it from now on
    uint64_t size() const { return size_; }

private:
    int fd_ = -1;
    uint64_t size_ = 0;
};

struct WebResponse {
    int status = 200;
    std::string body;
    std::string content_type = "text/plain; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type and Content-Length
    FileBody file;  // when not empty, sent instead of `body`

    void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
    void set_content(std::string content, std::string type) { body = std::move(content), content_type = std::move(type); }
    // Sends the file at `path` (opened here, read as it is sent; Range requests get their part).
    // False when it cannot be opened (nothing is set then).
    bool set_file(const std::string& path, std::string type);
};

using HttpHandler = std::function<void(const WebRequest&, WebResponse&)>;

}  // namespace lectern
