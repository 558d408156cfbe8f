// The one embedded HTTP server (libmicrohttpd): the status API, metrics, remote control and the
// recordings page all register their routes on it. One network thread (lectern-web, epoll) reads and
// writes every connection without blocking; handlers run on a pool of `threads` workers
// (lectern-http), except the few registered with get_immediate, which only copy a published snapshot
// and are answered on the network thread itself (no hand-over: the cheapest path for the status API
// and metrics). Never the frame thread or the recording path. Idle clients are dropped after the
// read/write timeouts and at most `threads + max_pending` connections are held (beyond, new ones wait
// in the kernel's backlog). Handlers see Lectern's own WebRequest/WebResponse (web_types.h).
//
// Register every route before start(): the route tables are read without a lock while it serves.
#pragma once

#include "web_types.h"
#include "static_files.h"
#include "web_config.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

namespace lectern {

class HttpServer {
public:
    explicit HttpServer(WebConfig config);
    ~HttpServer();  // stops and joins
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Patterns are literal paths, or regular expressions matching the whole path such as
    // R"(/api/v1/control/(\w+))" (the groups are in req.matches). A literal GET path ('.' counts as a
    // dot) is answered before the files and the regular expressions: a file cannot shadow it, and
    // serving it costs no look at the disk. GET routes answer HEAD too.
    void get(const std::string& pattern, HttpHandler handler);
    // A literal GET path whose handler never waits (it copies a snapshot or a constant): answered on
    // the network thread, so it must not block, lock for long or touch the disk.
    void get_immediate(const std::string& path, HttpHandler handler);
    void post(const std::string& pattern, HttpHandler handler);
    // A part adds its routes in one call, e.g. server.add_routes(archive_routes(catalog)).
    void add_routes(const std::function<void(HttpServer&)>& routes) { routes(*this); }
    // Files under `dir` at `mount` ("/" = the web page); GET of an existing file wins over routes
    // with regular expressions (not over literal ones). Paths with ".." are refused.
    // False when `dir` is not a folder.
    bool serve_files(const std::string& mount, const std::filesystem::path& dir);

    // Binds config.listen (port 0 = any free port) and starts serving on threads of its own.
    // Throws std::runtime_error naming the address and what to do when it cannot bind.
    void start();
    // Stops listening, lets running handlers finish and sends their answers (a client that does not
    // read them gets 2 s), answers requests still waiting for a worker with 503, then closes all.
    void stop();
    int port() const { return port_; }
    const std::string& host() const { return host_; }

    const WebConfig& config() const { return config_; }

    // What answers a request (found as soon as its headers are in): a handler, a file, or neither
    // (404/405). `immediate`: answered on the network thread, not handed to a worker.
    struct Route {
        const HttpHandler* handler = nullptr;
        bool immediate = true;
        std::optional<std::filesystem::path> file;
    };
    Route route_of(WebRequest& req) const;  // fills req.matches for a pattern
    // Fills `res`: the handler's answer, the file, or a JSON error (404, 405 with Allow, 500 for a
    // handler that threw, without its text). Called by the server's threads (http_daemon.cpp).
    void answer(const WebRequest& req, WebResponse& res, const Route& route) const;

    struct Serving;  // the running server: libmicrohttpd and the workers (http_daemon.cpp)

private:
    struct LiteralRoute {
        HttpHandler handler;
        bool immediate = false;
    };
    struct PatternRoute {
        bool post = false;
        std::regex pattern;
        HttpHandler handler;
    };
    std::string allowed_methods(const std::string& path) const;  // "" = no such path

    WebConfig config_;
    std::unordered_map<std::string, LiteralRoute> literal_gets_;
    std::vector<PatternRoute> patterns_;
    std::vector<FileMount> mounts_;
    std::unique_ptr<Serving> serving_;
    std::string host_;
    int port_ = 0;
};

// The web page Lectern ships: assets/web at "/" and assets/icons at "/icons" (core/assets.h).
// False when the assets folder is missing (the API still works; the page does not).
bool serve_web_assets(HttpServer& server);

// Writes `body` with `type`; for handlers that answer in one piece.
void reply(WebResponse& res, int status, const std::string& body, const std::string& type = "text/plain; charset=utf-8");
// A JSON error {"error": message} with `status`.
void reply_error(WebResponse& res, int status, const std::string& message);
// The JSON error text the server uses for `status` when nothing more precise is known.
const char* error_text(int status);

}  // namespace lectern
