// HttpServer on libmicrohttpd (Debian's libmicrohttpd-dev): one epoll thread reads and writes every
// connection without blocking, so a slow client costs a connection slot, not a thread. A whole
// request becomes a WebRequest; an immediate route is answered right there, any other handler runs on
// a worker while libmicrohttpd holds the connection suspended. The WebResponse goes out in one
// sendmsg (headers and body together) or, for a file, by sendfile from the asked range.
//
// The network thread is the cheap path on purpose: at 200 requests/s a pool of epoll threads cost
// about one percent of a core more than one thread (BENCHMARKS.md, "Status API and metrics").
#include "byte_range.h"
#include "http_server.h"
#include "request_workers.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <strings.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace lectern {
namespace {

// The limit the server had with cpp-httplib (8 KiB), kept: longer paths get 414 before routing.
constexpr size_t kMaxPathBytes = 8192;

// One request while it is read and answered: created at its first callback (headers only), deleted
// when libmicrohttpd is done with it.
struct Exchange {
    WebRequest req;
    bool body_too_large = false;
    HttpServer::Route route;
    WebResponse res;        // a worker's answer
    bool answered = false;  // set by the worker before it resumes the connection
};

MHD_Result collect(void* pairs, MHD_ValueKind, const char* key, const char* value) {
    static_cast<std::vector<std::pair<std::string, std::string>>*>(pairs)->emplace_back(key ? key : "", value ? value : "");
    return MHD_YES;
}

std::string client_address(MHD_Connection* c) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "";
    if (!info || !info->client_addr) return text;
    const sockaddr* a = info->client_addr;
    if (a->sa_family == AF_INET) inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(a)->sin_addr, text, sizeof text);
    if (a->sa_family == AF_INET6) inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr, text, sizeof text);
    return text;
}

// The error to answer before reading the body, or 0. (A Content-Length that is not a number, or too
// large for any file, libmicrohttpd answers itself with 400 or 413 before calling us.)
int refusal_before_body(MHD_Connection* c, const char* url, uint64_t max_body) {
    if (std::strlen(url) > kMaxPathBytes) return 414;
    const char* length = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    uint64_t n = 0;
    if (length) std::from_chars(length, length + std::strlen(length), n);
    return n > max_body ? 413 : 0;
}

// The MHD response for `res`, with the status it goes out with: a file in the asked range, or the body.
std::pair<MHD_Response*, int> make_response(const WebRequest& req, WebResponse& res) {
    if (res.file.empty() || res.status != 200) {
        MHD_Response* r = MHD_create_response_from_buffer(res.body.size(), res.body.data(), MHD_RESPMEM_MUST_COPY);
        return {r, res.status};
    }
    const uint64_t size = res.file.size();
    const ByteRange range = byte_range(req.get_header_value("Range"), size);
    res.set_header("Accept-Ranges", "bytes");
    if (range.kind == ByteRange::Unsatisfiable) {
        res.set_header("Content-Range", "bytes */" + std::to_string(size));
        reply_error(res, 416, error_text(416));
        return {MHD_create_response_from_buffer(res.body.size(), res.body.data(), MHD_RESPMEM_MUST_COPY), 416};
    }
    if (size == 0) return {MHD_create_response_from_buffer(0, nullptr, MHD_RESPMEM_PERSISTENT), 200};
    const bool part = range.kind == ByteRange::Part;
    if (part)
        res.set_header("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                            std::to_string(range.first + range.length - 1) + "/" + std::to_string(size));
    const int fd = res.file.release();  // the response closes it from now on, or we do if there is none
    MHD_Response* r = MHD_create_response_from_fd_at_offset64(part ? range.length : size, fd, part ? range.first : 0);
    if (!r) ::close(fd);
    return {r, part ? 206 : 200};
}

MHD_Result send(MHD_Connection* c, const WebRequest& req, WebResponse& res) {
    auto [r, status] = make_response(req, res);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, res.content_type.c_str());
    bool cache_set = false;
    for (const auto& [name, value] : res.headers) {
        MHD_add_response_header(r, name.c_str(), value.c_str());  // refuses CR/LF in either
        cache_set = cache_set || strcasecmp(name.c_str(), "Cache-Control") == 0;
    }
    if (!cache_set) MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    const MHD_Result queued = MHD_queue_response(c, static_cast<unsigned>(status), r);
    MHD_destroy_response(r);
    return queued;
}

MHD_Result refuse(MHD_Connection* c, int status) {
    WebRequest none;
    WebResponse res;
    reply_error(res, status, error_text(status));
    return send(c, none, res);
}

}  // namespace

struct HttpServer::Serving {
    Serving(const HttpServer* s, uint64_t body_limit, int threads) : server(s), max_body(body_limit), workers(threads) {}
    const HttpServer* server;
    uint64_t max_body;
    RequestWorkers workers;
    MHD_Daemon* daemon = nullptr;
    // Requests begun and not yet completed (answer sent or connection gone), so that stop() lets the
    // network thread send the answers of handlers that were still running.
    std::mutex mutex;
    std::condition_variable all_completed;
    int open_exchanges = 0;
};

namespace {

// Hands the request to a worker; libmicrohttpd calls on_request again once the worker resumes it.
void hand_to_worker(HttpServer::Serving& s, MHD_Connection* c, Exchange* ex) {
    MHD_suspend_connection(c);  // before submit: the worker may resume at once
    const bool taken = s.workers.submit([&s, c, ex](bool stopping) {
        if (stopping) reply_error(ex->res, 503, "the server is stopping");
        else s.server->answer(ex->req, ex->res, ex->route);
        ex->answered = true;
        MHD_resume_connection(c);
    });
    if (taken) return;
    reply_error(ex->res, 503, "the server is stopping");
    ex->answered = true;
    MHD_resume_connection(c);
}

MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method, const char*, const char* upload,
                      size_t* upload_size, void** state) noexcept try {
    auto& serving = *static_cast<HttpServer::Serving*>(cls);
    auto* ex = static_cast<Exchange*>(*state);
    if (!ex) {  // the headers are in; the body (if any) comes in the next calls
        if (int status = refusal_before_body(c, url, serving.max_body)) return refuse(c, status);
        ex = new Exchange;
        *state = ex;
        std::lock_guard lock(serving.mutex);
        ++serving.open_exchanges;
        ex->req.method = method;
        ex->req.path = url;
        return MHD_YES;
    }
    if (ex->answered) return send(c, ex->req, ex->res);  // back from a worker
    if (*upload_size > 0) {
        if (ex->body_too_large || ex->req.body.size() + *upload_size > serving.max_body) ex->body_too_large = true, ex->req.body.clear();
        else ex->req.body.append(upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (ex->body_too_large) return refuse(c, 413);  // a chunked body that grew past the limit
    MHD_get_connection_values(c, MHD_HEADER_KIND, collect, &ex->req.headers);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect, &ex->req.params);
    ex->req.remote_addr = client_address(c);
    ex->route = serving.server->route_of(ex->req);
    if (!ex->route.immediate) {
        hand_to_worker(serving, c, ex);
        return MHD_YES;
    }
    WebResponse res;
    serving.server->answer(ex->req, res, ex->route);
    return send(c, ex->req, res);
} catch (...) {
    return MHD_NO;  // closes the connection; nothing may unwind into libmicrohttpd
}

void on_completed(void* cls, MHD_Connection*, void** state, MHD_RequestTerminationCode) {
    if (!*state) return;  // refused before an exchange began
    delete static_cast<Exchange*>(*state);
    *state = nullptr;
    auto& serving = *static_cast<HttpServer::Serving*>(cls);
    std::lock_guard lock(serving.mutex);
    if (--serving.open_exchanges == 0) serving.all_completed.notify_all();
}

// The network thread names itself at its first connection, so that a debugger and the benchmarks
// (bench/server/api_load.py) tell the server's threads apart.
void on_connection(void*, MHD_Connection*, void**, MHD_ConnectionNotificationCode code) {
    thread_local bool named = false;
    if (code != MHD_CONNECTION_NOTIFY_STARTED || named) return;
    pthread_setname_np(pthread_self(), "lectern-web");
    named = true;
}

// libmicrohttpd's own messages: kept by the thread that starts the server (they say why a bind failed),
// dropped on the serving threads, so that a flood of broken requests cannot flood the log.
thread_local std::string* start_message = nullptr;

void on_log(void*, const char* format, va_list args) {
    std::string* last = start_message;
    if (!last) return;
    char text[512];
    std::vsnprintf(text, sizeof text, format, args);
    *last = text;
    while (!last->empty() && (last->back() == '\n' || last->back() == '.')) last->pop_back();
}

}  // namespace

// Here, where Serving is complete (the constructor may destroy members too).
HttpServer::HttpServer(WebConfig config) : config_(std::move(config)) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
    if (serving_) return;
    const ListenAddress address = parse_listen(config_.listen.empty() ? "0" : config_.listen);
    host_ = address.host;
    const std::string where = host_ + ":" + std::to_string(address.port);
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (getaddrinfo(host_.c_str(), std::to_string(address.port).c_str(), &hints, &found) != 0 || !found)
        throw std::runtime_error("web server: " + host_ + " is not an address of this machine; change [web] listen");
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(found, freeaddrinfo);

    std::unique_ptr<Serving> serving(
        new Serving(this, static_cast<uint64_t>(config_.max_body_kib) * 1024, std::max(1, config_.threads)));
    const unsigned connections = static_cast<unsigned>(config_.threads + config_.max_pending);
    const unsigned timeout = static_cast<unsigned>(std::max(config_.read_timeout_s, config_.write_timeout_s));
    std::string why;  // libmicrohttpd's last message while starting
    start_message = &why;
    // No MHD_OPTION_LISTENING_ADDRESS_REUSE: SO_REUSEADDR only (a quick restart), never SO_REUSEPORT,
    // which would let a second recorder on the same port silently take half the requests.
    serving->daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC |
                                           MHD_USE_ERROR_LOG | MHD_USE_TURBO | (found->ai_family == AF_INET6 ? MHD_USE_IPv6 : 0),
                                       0, nullptr, nullptr, &on_request, serving.get(),
                                       MHD_OPTION_EXTERNAL_LOGGER, &on_log, nullptr,  // first: it hears about the options too
                                       MHD_OPTION_SOCK_ADDR, found->ai_addr,
                                       MHD_OPTION_CONNECTION_LIMIT, connections,
                                       MHD_OPTION_CONNECTION_TIMEOUT, timeout,
                                       MHD_OPTION_NOTIFY_COMPLETED, &on_completed, serving.get(),
                                       MHD_OPTION_NOTIFY_CONNECTION, &on_connection, nullptr,
                                       MHD_OPTION_END);
    start_message = nullptr;
    if (!serving->daemon)
        throw std::runtime_error("web server: cannot listen on " + where + " (" + (why.empty() ? "in use, or not an address of this machine" : why) +
                                 "); change [web] listen");
    port_ = MHD_get_daemon_info(serving->daemon, MHD_DAEMON_INFO_BIND_PORT)->port;
    serving_ = std::move(serving);
}

void HttpServer::stop() {
    if (!serving_) return;
    // Every connection a worker holds is resumed before libmicrohttpd may stop (its rule): running
    // handlers finish, waiting ones answer 503, new ones are refused with 503.
    serving_->workers.stop();
    // No new connections; the answers just resumed are sent (a client that does not read gets 2 s),
    // then every connection is closed and the network thread joined.
    if (const MHD_socket listening = MHD_quiesce_daemon(serving_->daemon); listening != MHD_INVALID_SOCKET) close(listening);
    {
        std::unique_lock lock(serving_->mutex);
        serving_->all_completed.wait_for(lock, std::chrono::seconds(2), [this] { return serving_->open_exchanges == 0; });
    }
    MHD_stop_daemon(serving_->daemon);
    serving_.reset();
}

}  // namespace lectern
