// What the embedded server itself must get right, on the real server with curl and raw sockets:
// files in ranges and HEAD, request sizes and broken headers, slow clients, the connection bound,
// the port it binds and a clean stop.
#include "http_client.h"
#include "http_server.h"

#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <memory>
#include <thread>

using namespace lectern;
using lectern::test::curl;
using lectern::test::raw_exchange;
namespace fs = std::filesystem;

namespace {

// A web folder with a file of 1,000 known bytes ("0123456789" repeated) and a few kinds of files.
struct WebFolder {
    fs::path dir = fs::temp_directory_path() / ("lectern-edges-" + std::to_string(::getpid()));
    WebFolder() {
        fs::create_directories(dir / "sub");
        std::ofstream digits(dir / "digits.bin", std::ios::binary);
        for (int i = 0; i < 100; ++i) digits << "0123456789";
        std::ofstream(dir / "page.css") << "body{}";
        std::ofstream(dir / "app.js") << "1";
        std::ofstream(dir / "sub" / "index.html") << "<p>sub</p>";
        std::ofstream(dir / "empty.txt");
    }
    ~WebFolder() { fs::remove_all(dir); }
};

std::string header_line(const std::string& headers, const std::string& name) {
    auto at = headers.find(name + ": ");
    return at == std::string::npos ? "" : headers.substr(at, headers.find("\r\n", at) - at);
}

double seconds_for(const std::function<void()>& f) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("a file is sent whole, in one asked range, or refused with 416 past its end") {
    WebFolder web;
    HttpServer server(test::test_web_config());
    REQUIRE(server.serve_files("/", web.dir));
    server.start();
    auto whole = curl(server.port(), "/digits.bin");
    CHECK(whole.status == 200);
    CHECK(whole.body.size() == 1000);
    CHECK(header_line(whole.headers, "Accept-Ranges") == "Accept-Ranges: bytes");
    struct Asked {
        const char* range;
        const char* bytes;
        const char* content_range;
    };
    for (const Asked& a : {Asked{"bytes=0-0", "0", "bytes 0-0/1000"}, Asked{"bytes=13-16", "3456", "bytes 13-16/1000"},
                           Asked{"bytes=-3", "789", "bytes 997-999/1000"}, Asked{"bytes=995-5000", "56789", "bytes 995-999/1000"}}) {
        INFO(a.range);
        auto part = curl(server.port(), "/digits.bin", std::string("-H 'Range: ") + a.range + "'");
        CHECK(part.status == 206);
        CHECK(part.body == a.bytes);
        CHECK(header_line(part.headers, "Content-Range") == std::string("Content-Range: ") + a.content_range);
    }
    auto past = curl(server.port(), "/digits.bin", "-H 'Range: bytes=1000-'");
    CHECK(past.status == 416);
    CHECK(header_line(past.headers, "Content-Range") == "Content-Range: bytes */1000");
    CHECK(past.body.find("\"error\"") != std::string::npos);
    auto several = curl(server.port(), "/digits.bin", "-H 'Range: bytes=0-1,5-6'");
    CHECK(several.status == 200);  // no multipart answers: the whole file
    CHECK(several.body.size() == 1000);
    CHECK(curl(server.port(), "/empty.txt").status == 200);
}

TEST_CASE("HEAD of a file or a range says its length and sends no body") {
    WebFolder web;
    HttpServer server(test::test_web_config());
    REQUIRE(server.serve_files("/", web.dir));
    server.start();
    std::string head = raw_exchange(server.port(), "HEAD /digits.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    INFO(head);
    CHECK(head.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(head.find("Content-Length: 1000\r\n") != std::string::npos);
    CHECK(head.substr(head.find("\r\n\r\n") + 4).empty());
    head = raw_exchange(server.port(), "HEAD /digits.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=10-19\r\nConnection: close\r\n\r\n");
    CHECK(head.rfind("HTTP/1.1 206", 0) == 0);
    CHECK(head.find("Content-Length: 10\r\n") != std::string::npos);
    CHECK(head.substr(head.find("\r\n\r\n") + 4).empty());
}

TEST_CASE("files get their content type, folders their index.html, and encoded climbs are refused") {
    WebFolder web;
    std::ofstream(web.dir.parent_path() / "lectern-edges-secret.txt") << "not for the web";
    HttpServer server(test::test_web_config());
    REQUIRE(server.serve_files("/", web.dir));
    server.start();
    CHECK(header_line(curl(server.port(), "/page.css").headers, "Content-Type") == "Content-Type: text/css; charset=utf-8");
    CHECK(header_line(curl(server.port(), "/app.js").headers, "Content-Type") == "Content-Type: text/javascript; charset=utf-8");
    CHECK(header_line(curl(server.port(), "/page.css").headers, "X-Content-Type-Options") == "X-Content-Type-Options: nosniff");
    CHECK(curl(server.port(), "/sub/").body == "<p>sub</p>");
    for (const char* climb : {"/../lectern-edges-secret.txt", "/%2e%2e/lectern-edges-secret.txt", "/sub/%2E%2E/../lectern-edges-secret.txt",
                              "/sub/..%2f..%2flectern-edges-secret.txt"}) {
        CAPTURE(climb);
        auto r = curl(server.port(), climb, "--path-as-is");
        CHECK(r.status == 404);
        CHECK(r.body.find("not for the web") == std::string::npos);
    }
    fs::remove(web.dir.parent_path() / "lectern-edges-secret.txt");
}

TEST_CASE("the handler sees the decoded query, headers of any case and the client's address") {
    HttpServer server(test::test_web_config());
    server.get("/echo", [](const WebRequest& req, WebResponse& res) {
        reply(res, 200, req.get_param_value("q") + "|" + req.get_header_value("x-lectern-page") + "|" + req.remote_addr + "|" +
                            (req.has_param("flag") ? "flag" : "-") + "|" + (req.has_param("none") ? "none" : "-"));
    });
    server.start();
    CHECK(curl(server.port(), "/echo?q=a%20b%26c&flag", "-H 'X-Lectern-Page: 1'").body == "a b&c|1|127.0.0.1|flag|-");
}

TEST_CASE("request bodies above the limit get 413 before they are read, and broken lengths 400") {
    WebConfig c = test::test_web_config();
    c.max_body_kib = 1;
    HttpServer server(c);
    server.post("/echo", [](const WebRequest& req, WebResponse& res) { reply(res, 200, req.body); });
    server.start();
    // Declared too large: refused at once, without waiting for 10 MB that never come.
    std::string answer = raw_exchange(server.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\nab", 5);
    CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(answer.find("max_body_kib") != std::string::npos);
    // Chunked, so no length up front: refused once it grows past the limit.
    std::string chunk = std::string("800\r\n") + std::string(0x800, 'x') + "\r\n0\r\n\r\n";
    answer = raw_exchange(server.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk, 5);
    CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
    for (const std::string length : {"-5", "12abc", "1e3", ""}) {
        CAPTURE(length);
        answer = raw_exchange(server.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n", 5);
        INFO(answer);
        CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);  // libmicrohttpd's own answer, before any handler
    }
    // A length no file could have is libmicrohttpd's to refuse too (413, its own page).
    answer = raw_exchange(server.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", 5);
    CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(curl(server.port(), "/echo", "--data-binary exactly").body == "exactly");
}

TEST_CASE("a request line too long gets 414, a wrong method 405 with Allow, both as JSON") {
    HttpServer server(test::test_web_config());
    server.get("/only-get", [](const WebRequest&, WebResponse& res) { reply(res, 200, "ok"); });
    server.start();
    auto long_path = curl(server.port(), "/only-get/" + std::string(9000, 'q'));
    CHECK(long_path.status == 414);
    CHECK(long_path.body.find("\"error\"") != std::string::npos);
    auto post = curl(server.port(), "/only-get", "-d ''");
    CHECK(post.status == 405);
    CHECK(header_line(post.headers, "Allow") == "Allow: GET, HEAD");
    CHECK(post.body.find("\"error\"") != std::string::npos);
    CHECK(curl(server.port(), "/only-get", "-X DELETE").status == 405);
    CHECK(curl(server.port(), "/nowhere", "-X DELETE").status == 404);
}

TEST_CASE("a client that sends slowly or never reads does not stall the others") {
    WebFolder web;
    {
        std::ofstream big(web.dir / "big.bin", std::ios::binary);
        std::string block(1 << 20, 'b');
        for (int i = 0; i < 32; ++i) big << block;  // more than the socket buffers hold
    }
    WebConfig c = test::test_web_config();
    c.threads = 1;  // one thread: the others are answered only if nothing blocks it
    c.read_timeout_s = c.write_timeout_s = 30;
    HttpServer server(c);
    REQUIRE(server.serve_files("/", web.dir));
    server.get("/ping", [](const WebRequest&, WebResponse& res) { reply(res, 200, "pong"); });
    server.start();
    const int trickle = test::connect_to(server.port());
    ::send(trickle, "GET /ping HTTP/1.1\r\nHo", 22, MSG_NOSIGNAL);
    const int hoarder = test::connect_to(server.port());
    const std::string get_big = "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n";
    ::send(hoarder, get_big.data(), get_big.size(), MSG_NOSIGNAL);
    for (int i = 0; i < 5; ++i) {
        double took = seconds_for([&] { CHECK(curl(server.port(), "/ping").body == "pong"); });
        CHECK(took < 2.0);
    }
    ::close(trickle);
    ::close(hoarder);
}

TEST_CASE("at most threads + max_pending connections are held; the next one waits until one goes") {
    WebConfig c = test::test_web_config();
    c.threads = 1;
    c.max_pending = 1;
    c.read_timeout_s = c.write_timeout_s = 30;
    HttpServer server(c);
    server.get("/ping", [](const WebRequest&, WebResponse& res) { reply(res, 200, "pong"); });
    server.start();
    const int a = test::connect_to(server.port()), b = test::connect_to(server.port());
    CHECK(curl(server.port(), "/ping", "--max-time 1").status == 0);  // held in the kernel's backlog
    ::close(a);
    CHECK(curl(server.port(), "/ping", "--max-time 10").body == "pong");
    ::close(b);
}

TEST_CASE("a port in use by the server cannot be shared through SO_REUSEPORT") {
    HttpServer server(test::test_web_config());
    server.start();
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &yes, sizeof yes);
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(server.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0);
    ::close(fd);
}

TEST_CASE("stop returns promptly with clients connected, and the port is free again") {
    WebConfig c = test::test_web_config();
    c.read_timeout_s = c.write_timeout_s = 60;
    auto server = std::make_unique<HttpServer>(c);
    server->get("/ping", [](const WebRequest&, WebResponse& res) { reply(res, 200, "pong"); });
    server->start();
    const int port = server->port();
    const int idle = test::connect_to(port), half = test::connect_to(port);
    ::send(half, "GET /ping HTTP/1.1\r\n", 20, MSG_NOSIGNAL);
    CHECK(seconds_for([&] { server.reset(); }) < 3.0);
    ::close(idle);
    ::close(half);
    c.listen = "127.0.0.1:" + std::to_string(port);
    HttpServer again(c);
    CHECK_NOTHROW(again.start());
    CHECK(again.port() == port);
}

TEST_CASE("a handler that waits holds a worker, not the status API, and stop waits for it") {
    WebConfig c = test::test_web_config();
    c.threads = 1;  // the one worker is busy while /slow waits
    c.read_timeout_s = c.write_timeout_s = 30;
    auto server = std::make_unique<HttpServer>(c);
    std::atomic<bool> started = false;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    server->get("/slow", [&started, released](const WebRequest&, WebResponse& res) {
        started = true;
        released.wait_for(std::chrono::seconds(20));
        reply(res, 200, "late");
    });
    server->get_immediate("/ping", [](const WebRequest&, WebResponse& res) { reply(res, 200, "pong"); });
    server->start();
    const int port = server->port();
    auto slow = std::async(std::launch::async, [port] { return curl(port, "/slow"); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!started && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    REQUIRE(started);
    CHECK(seconds_for([&] { CHECK(curl(port, "/ping").body == "pong"); }) < 2.0);
    auto stopped = std::async(std::launch::async, [&server] { server->stop(); });
    CHECK(stopped.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);  // the handler still runs
    release.set_value();
    CHECK(stopped.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
    CHECK(slow.get().body == "late");  // sent before the daemon closed the connection
}

TEST_CASE("stop() sends the answers of the handlers still running when it was called") {
    // Repeated: whether the daemon closed the connection before the answer went out was a race.
    for (int round = 0; round < 5; ++round) {
        WebConfig c = test::test_web_config();
        c.threads = 3;
        auto server = std::make_unique<HttpServer>(c);
        std::atomic<int> started = 0;
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        server->get("/slow", [&started, released](const WebRequest&, WebResponse& res) {
            ++started;
            released.wait_for(std::chrono::seconds(20));
            reply(res, 200, "late");
        });
        server->start();
        const int port = server->port();
        std::vector<std::future<test::CurlResult>> slow;
        for (int i = 0; i < 3; ++i) slow.push_back(std::async(std::launch::async, [port] { return curl(port, "/slow"); }));
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (started < 3 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
        REQUIRE(started == 3);
        auto stopped = std::async(std::launch::async, [&server] { server->stop(); });
        release.set_value();
        CHECK(stopped.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
        for (auto& answer : slow) {
            const test::CurlResult r = answer.get();
            CHECK(r.status == 200);
            CHECK(r.body == "late");
        }
    }
}
