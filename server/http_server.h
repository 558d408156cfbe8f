// The one embedded HTTP server (cpp-httplib): the status API, metrics, remote control and the
// recordings page all register their routes on it. It serves from its own listener thread and a
// bounded pool of workers, never from the frame thread or the recording path; slow clients are
// dropped after the read/write timeouts and at most `threads + max_pending` connections are held.
//
// Register every route before start(): httplib's route table is not guarded while it serves.
#pragma once

#include "web_config.h"

#include <httplib.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>

namespace lectern {

using HttpHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

class HttpServer {
public:
    explicit HttpServer(WebConfig config);
    ~HttpServer();  // stops and joins
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Patterns are httplib's: literal paths, or regular expressions such as R"(/api/v1/control/(\w+))".
    // A literal GET path ('.' counts as a dot) is answered before the files and the regular
    // expressions: a file cannot shadow it, and serving it costs no look at the disk.
    void get(const std::string& pattern, HttpHandler handler);
    void post(const std::string& pattern, HttpHandler handler);
    // A part adds its routes in one call, e.g. server.add_routes(archive_routes(catalog)).
    void add_routes(const std::function<void(HttpServer&)>& routes) { routes(*this); }
    // Files under `dir` at `mount` ("/" = the web page); GET of an existing file wins over routes
    // with regular expressions (not over literal ones).
    // Paths with ".." are refused by httplib. False when `dir` is not a folder.
    bool serve_files(const std::string& mount, const std::filesystem::path& dir);

    // Binds config.listen (port 0 = any free port) and starts serving on a thread of its own.
    // Throws std::runtime_error naming the address and what to do when it cannot bind.
    void start();
    void stop();
    int port() const { return port_; }
    const std::string& host() const { return host_; }

private:
    WebConfig config_;
    httplib::Server server_;
    std::unordered_map<std::string, HttpHandler> literal_gets_;  // read-only once serving
    std::thread listener_;
    std::string host_;
    int port_ = 0;
};

// The web page Lectern ships: assets/web at "/" and assets/icons at "/icons" (core/assets.h).
// False when the assets folder is missing (the API still works; the page does not).
bool serve_web_assets(HttpServer& server);

// Writes `body` with `type`; for handlers that answer in one piece.
void reply(httplib::Response& res, int status, const std::string& body,
           const std::string& type = "text/plain; charset=utf-8");
// A JSON error {"error": message} with `status`.
void reply_error(httplib::Response& res, int status, const std::string& message);

}  // namespace lectern
