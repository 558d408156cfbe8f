#include "http_server.h"

#include "assets.h"
#include "bounded_task_queue.h"

#include <nlohmann/json.hpp>
#include <pthread.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace lectern {
namespace {

const char* error_text(int status) {
    switch (status) {
    case 400: return "malformed request (a POST needs a body or Content-Length: 0, e.g. curl -d '')";
    case 404: return "no such page; see /api/v1/status, /metrics, /healthz";
    case 405: return "method not allowed here";
    case 413: return "request body too large ([web] max_body_kib)";
    case 414: return "request line too long";
    default: return status >= 500 ? "internal error; the kiosk's log says more" : "request refused";
    }
}

}  // namespace

HttpServer::HttpServer(WebConfig config) : config_(std::move(config)) {
    const int threads = config_.threads, pending = config_.max_pending;
    server_.new_task_queue = [threads, pending] { return new BoundedTaskQueue(threads, pending); };
    server_.set_read_timeout(config_.read_timeout_s, 0);
    server_.set_write_timeout(config_.write_timeout_s, 0);
    // httplib 0.11 waits for a kept-alive connection's next request by polling it every millisecond
    // on the worker that served it: an idle kept-alive client costs about 0.75% of a core and holds a
    // worker until the keep-alive timeout. One second bounds both; a client asking more often keeps
    // its connection (cheaper than a new one per request; BENCHMARKS.md, "Status API and metrics").
    server_.set_keep_alive_timeout(1);
    server_.set_keep_alive_max_count(100);
    // Headers and body go out as separate writes: without NODELAY, Nagle holds the body until the
    // client's delayed ACK (40 ms a request).
    server_.set_tcp_nodelay(true);
    server_.set_payload_max_length(static_cast<size_t>(config_.max_body_kib) * 1024);
    // httplib's default also sets SO_REUSEPORT, which would let a second recorder on the same port
    // silently take half the requests; SO_REUSEADDR alone only allows a quick restart.
    server_.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    server_.set_default_headers({{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}});
    // A handler that throws answers 500 without the exception's text (it may name paths or hosts).
    server_.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "lectern: web: %s %s failed: %s\n", req.method.c_str(), req.path.c_str(), e.what());
        } catch (...) {
            std::fprintf(stderr, "lectern: web: %s %s failed\n", req.method.c_str(), req.path.c_str());
        }
        reply_error(res, 500, "internal error; the kiosk's log says more");
    });
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        // httplib reads a Content-Length that is not a number as 0; say that the request is broken instead.
        if (req.has_header("Content-Length")) {
            const std::string& n = req.get_header_value("Content-Length");
            if (n.empty() || n.size() >= 19 || n.find_first_not_of("0123456789") != std::string::npos) {
                reply_error(res, 400, "Content-Length is not a number");
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        // Literal GET routes go before httplib's file mounts, which stat() the web folder for every
        // GET under "/" (6% of what the server spent at 200 requests/s; BENCHMARKS.md).
        if (req.method != "GET" && req.method != "HEAD") return httplib::Server::HandlerResponse::Unhandled;
        const auto route = literal_gets_.find(req.path);
        if (route == literal_gets_.end()) return httplib::Server::HandlerResponse::Unhandled;
        route->second(req, res);
        return httplib::Server::HandlerResponse::Handled;
    });
    server_.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) reply_error(res, res.status, error_text(res.status));
    });
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::get(const std::string& pattern, HttpHandler handler) {
    if (pattern.find_first_of("^$*+?()[]{}|\\") == std::string::npos) literal_gets_[pattern] = std::move(handler);
    else server_.Get(pattern, std::move(handler));
}
void HttpServer::post(const std::string& pattern, HttpHandler handler) { server_.Post(pattern, std::move(handler)); }

bool HttpServer::serve_files(const std::string& mount, const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return false;
    return server_.set_mount_point(mount, dir.string());
}

void HttpServer::start() {
    if (listener_.joinable()) return;
    ListenAddress address = parse_listen(config_.listen.empty() ? "0" : config_.listen);
    host_ = address.host;
    port_ = address.port == 0 ? server_.bind_to_any_port(host_) : (server_.bind_to_port(host_, address.port) ? address.port : -1);
    if (port_ <= 0) {
        port_ = 0;
        throw std::runtime_error("web server: cannot listen on " + host_ + ":" + std::to_string(address.port) +
                                 " (in use, or not an address of this machine); change [web] listen");
    }
    listener_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "lectern-web");
        server_.listen_after_bind();
    });
    // stop() only acts once the listener runs; wait for that (it is the thread's first step).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!server_.is_running() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void HttpServer::stop() {
    if (!listener_.joinable()) return;
    server_.stop();
    listener_.join();
}

bool serve_web_assets(HttpServer& server) {
    bool page = server.serve_files("/", asset_path("web"));
    bool icons = server.serve_files("/icons", asset_path("icons"));
    return page && icons;
}

void reply(httplib::Response& res, int status, const std::string& body, const std::string& type) {
    res.status = status;
    res.set_content(body, type.c_str());
}

void reply_error(httplib::Response& res, int status, const std::string& message) {
    reply(res, status, nlohmann::json{{"error", message}}.dump() + "\n", "application/json");
}

}  // namespace lectern
