// What answering a fixed page costs with the HTTP library alone, no recorder: Lectern's HttpServer
// (libmicrohttpd behind Lectern's request and response types, as configured for the kiosk) against
// bare libmicrohttpd (one epoll thread, a response made once). Serves /api/v1/status and /metrics
// with a body of the size the real ones have, prints "serving http://127.0.0.1:PORT" and runs until
// SIGTERM. Driven by http_floor.py.
//
// usage: http_floor lectern|microhttpd
#include "http_server.h"

#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstring>
#include <string>

namespace {

// About the size of a recording station's /api/v1/status and /metrics answers.
const std::string kBody = [] {
    std::string body = "{\"state\":\"recording\",\"padding\":\"";
    body.append(2000, 'x');
    return body + "\"}\n";
}();

sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

void announce(int port) {
    std::printf("serving http://127.0.0.1:%d\n", port);
    std::fflush(stdout);
}

int wait_for_stop() {
    const sigset_t set = stop_signals();
    int sig = 0;
    sigwait(&set, &sig);
    return 0;
}

int serve_lectern() {
    lectern::WebConfig config;
    config.listen = "127.0.0.1:0";
    lectern::HttpServer server(config);
    for (const char* path : {"/api/v1/status", "/metrics"})
        server.get_immediate(path, [](const lectern::WebRequest&, lectern::WebResponse& res) { lectern::reply(res, 200, kBody, "application/json"); });
    server.start();
    announce(server.port());
    return wait_for_stop();
}

MHD_Result answer(void* cls, MHD_Connection* connection, const char* url, const char* method, const char*,
                  const char*, size_t*, void** request_state) {
    auto* response = static_cast<MHD_Response*>(cls);
    if (std::strcmp(method, "GET") != 0) return MHD_NO;
    // The first call comes with the headers only; answering then makes libmicrohttpd close the
    // connection (it would not read the rest). Answer at the second call, when the request is whole.
    static int seen;
    if (*request_state == nullptr) return *request_state = &seen, MHD_YES;
    if (std::strcmp(url, "/api/v1/status") != 0 && std::strcmp(url, "/metrics") != 0) return MHD_NO;
    return MHD_queue_response(connection, MHD_HTTP_OK, response);
}

int serve_microhttpd() {
    MHD_Response* response = MHD_create_response_from_buffer(kBody.size(), const_cast<char*>(kBody.data()), MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(response, "Content-Type", "application/json");
    MHD_add_response_header(response, "Cache-Control", "no-store");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    MHD_Daemon* daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, nullptr, nullptr, &answer, response,
                                          MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_CONNECTION_TIMEOUT, 1u,
                                          MHD_OPTION_CONNECTION_LIMIT, 64u, MHD_OPTION_END);
    if (!daemon) {
        std::fprintf(stderr, "http_floor: libmicrohttpd did not start on 127.0.0.1\n");
        return 1;
    }
    announce(MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT)->port);
    const int rc = wait_for_stop();
    MHD_stop_daemon(daemon);
    MHD_destroy_response(response);
    return rc;
}

}  // namespace

int main(int argc, char** argv) {
    // Block the stop signals before any thread starts, so that only sigwait takes them.
    const sigset_t set = stop_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    const std::string kind = argc > 1 ? argv[1] : "";
    if (kind == "lectern") return serve_lectern();
    if (kind == "microhttpd") return serve_microhttpd();
    std::fprintf(stderr, "usage: http_floor lectern|microhttpd\n");
    return 2;
}
