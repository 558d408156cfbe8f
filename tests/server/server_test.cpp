// The embedded server, started for real on a free 127.0.0.1 port and spoken to by curl and raw sockets.
#include "auth.h"
#include "health_routes.h"
#include "http_client.h"
#include "http_server.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

using namespace lectern;
using lectern::test::curl;

TEST_CASE("the server answers /healthz with ok") {
    HttpServer server(test::test_web_config());
    add_health_routes(server);
    server.start();
    REQUIRE(server.port() > 0);
    auto r = curl(server.port(), "/healthz");
    CHECK(r.status == 200);
    CHECK(r.body == "ok\n");
    CHECK(r.headers.find("Cache-Control: no-store") != std::string::npos);
}

TEST_CASE("an unknown path gets a 404 that says where to look") {
    HttpServer server(test::test_web_config());
    add_health_routes(server);
    server.start();
    auto r = curl(server.port(), "/nothing-here");
    CHECK(r.status == 404);
    CHECK(r.body.find("\"error\"") != std::string::npos);
    CHECK(r.body.find("/api/v1/status") != std::string::npos);
}

TEST_CASE("malformed requests get 400 and the server keeps serving") {
    HttpServer server(test::test_web_config());
    add_health_routes(server);
    server.start();
    std::string answer = test::raw_exchange(server.port(), "THIS IS NOT HTTP\r\n\r\n");
    CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
    answer = test::raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n");
    INFO(answer);
    CHECK(answer.rfind("HTTP/1.1 4", 0) == 0);
    answer = test::raw_exchange(server.port(), std::string("GET /\x01\xff HTTP/1.1\r\n\r\n"));
    INFO(answer);
    CHECK(answer.rfind("HTTP/1.1 4", 0) == 0);
    CHECK(curl(server.port(), "/healthz").status == 200);
}

TEST_CASE("a request body over the limit gets 413") {
    WebConfig c = test::test_web_config();
    c.max_body_kib = 1;
    HttpServer server(c);
    server.post("/echo", [](const WebRequest& req, WebResponse& res) { reply(res, 200, req.body); });
    server.start();
    CHECK(curl(server.port(), "/echo", "-X POST --data-binary small").status == 200);
    CHECK(curl(server.port(), "/echo", "-X POST --data-binary " + std::string(3000, 'x')).status == 413);
}

TEST_CASE("a handler that throws answers 500 without the exception's text") {
    HttpServer server(test::test_web_config());
    server.get("/boom", [](const WebRequest&, WebResponse&) {
        throw std::runtime_error("secret path /home/staff/token");
    });
    server.start();
    auto r = curl(server.port(), "/boom");
    CHECK(r.status == 500);
    CHECK(r.body.find("secret path") == std::string::npos);
    CHECK(curl(server.port(), "/boom").status == 500);  // and it still serves
}

TEST_CASE("files of the web folder are served and paths that climb out are refused") {
    auto dir = std::filesystem::temp_directory_path() / ("lectern-web-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "web");
    std::ofstream(dir / "web" / "index.html") << "<h1>room</h1>";
    std::ofstream(dir / "private.txt") << "not for the web";
    HttpServer server(test::test_web_config());
    REQUIRE(server.serve_files("/", dir / "web"));
    CHECK_FALSE(server.serve_files("/x", dir / "missing"));
    server.start();
    auto r = curl(server.port(), "/index.html");
    CHECK(r.status == 200);
    CHECK(r.body == "<h1>room</h1>");
    CHECK(curl(server.port(), "/").body == "<h1>room</h1>");
    auto climb = curl(server.port(), "/../private.txt", "--path-as-is");
    CHECK(climb.status >= 400);
    CHECK(climb.body.find("not for the web") == std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("an API route answers even when the web folder holds a file of the same name") {
    // Literal GET routes are looked up before the web folder, so no stray file can shadow the API
    // (and an API request costs no look at the disk).
    auto dir = std::filesystem::temp_directory_path() / ("lectern-shadow-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "healthz") << "a stale file";
    std::ofstream(dir / "index.html") << "<h1>room</h1>";
    HttpServer server(test::test_web_config());
    REQUIRE(server.serve_files("/", dir));
    add_health_routes(server);
    server.get(R"(/items/(\d+))", [](const WebRequest& req, WebResponse& res) { reply(res, 200, "item " + req.matches[1]); });
    server.start();
    CHECK(curl(server.port(), "/healthz").body == "ok\n");
    const std::string head = test::raw_exchange(server.port(), "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    INFO(head);
    CHECK(head.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(head.find("Content-Length: 3\r\n") != std::string::npos);
    CHECK(head.substr(head.find("\r\n\r\n") + 4).empty());  // a HEAD answer has no body
    CHECK(curl(server.port(), "/").body == "<h1>room</h1>");
    CHECK(curl(server.port(), "/items/42").body == "item 42");
    std::filesystem::remove_all(dir);
}

TEST_CASE("a bearer-guarded route refuses a missing or wrong token and accepts the right one") {
    HttpServer server(test::test_web_config());
    const std::string token = "s3cret-token-value";
    server.post("/guarded", [&](const WebRequest& req, WebResponse& res) {
        if (!bearer_token_matches(req, token)) return refuse_unauthorized(res, "Bearer", "wrong or missing token");
        reply(res, 200, "done");
    });
    server.start();
    auto none = curl(server.port(), "/guarded", "-d ''");
    CHECK(none.status == 401);
    CHECK(none.headers.find("WWW-Authenticate: Bearer") != std::string::npos);
    CHECK(none.body.find(token) == std::string::npos);
    CHECK(curl(server.port(), "/guarded", "-d '' -H 'Authorization: Bearer s3cret-token-valuX'").status == 401);
    CHECK(curl(server.port(), "/guarded", "-d '' -H 'Authorization: Bearer s3cret'").status == 401);
    CHECK(curl(server.port(), "/guarded", "-d '' -H 'Authorization: Basic czNjcmV0LXRva2VuLXZhbHVl'").status == 401);
    CHECK(curl(server.port(), "/guarded", "-d '' -H 'Authorization: Bearer s3cret-token-value'").status == 200);
}

TEST_CASE("an empty expected token or password opens nothing") {
    WebRequest req;
    req.set_header("Authorization", "Bearer ");
    CHECK_FALSE(bearer_token_matches(req, ""));
    WebRequest basic;
    basic.set_header("Authorization", "Basic Og==");  // ":"
    CHECK_FALSE(staff_password_matches(basic, ""));
}

TEST_CASE("the staff password check takes basic credentials with the right password only") {
    HttpServer server(test::test_web_config());
    server.get("/staff", [](const WebRequest& req, WebResponse& res) {
        if (!staff_password_matches(req, "pa:ss wörd", "staff")) return refuse_unauthorized(res, "Basic", "staff only");
        reply(res, 200, "welcome");
    });
    server.start();
    CHECK(curl(server.port(), "/staff").status == 401);
    CHECK(curl(server.port(), "/staff", "-u 'staff:wrong'").status == 401);
    CHECK(curl(server.port(), "/staff", "-u 'other:pa:ss wörd'").status == 401);
    CHECK(curl(server.port(), "/staff", "-H 'Authorization: Basic %%%%'").status == 401);
    auto ok = curl(server.port(), "/staff", "-u 'staff:pa:ss wörd'");
    CHECK(ok.status == 200);
    CHECK(ok.body == "welcome");
}

TEST_CASE("a bare port binds 127.0.0.1 only and nonsense listen values are refused") {
    CHECK(parse_listen("8080").host == "127.0.0.1");
    CHECK(parse_listen("8080").port == 8080);
    CHECK(parse_listen("0.0.0.0:9000").host == "0.0.0.0");
    CHECK(parse_listen("[::1]:9000").host == "::1");
    CHECK_THROWS_AS(parse_listen("eighty"), std::invalid_argument);
    CHECK_THROWS_AS(parse_listen("127.0.0.1:70000"), std::invalid_argument);
    CHECK_THROWS_AS(parse_listen(":80"), std::invalid_argument);
    WebConfig c = test::test_web_config();
    c.listen = "0";
    HttpServer server(c);
    server.start();
    CHECK(server.host() == "127.0.0.1");
}

TEST_CASE("a port already in use is reported with the setting to change") {
    HttpServer first(test::test_web_config());
    first.start();
    WebConfig c = test::test_web_config();
    c.listen = "127.0.0.1:" + std::to_string(first.port());
    HttpServer second(c);
    try {
        second.start();
        FAIL("the second server bound a port in use");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find("[web] listen") != std::string::npos);
    }
}

TEST_CASE("idle clients are dropped after the read timeout and cannot starve the others") {
    WebConfig c = test::test_web_config();
    c.threads = 1;
    HttpServer server(c);
    add_health_routes(server);
    server.start();
    double closed_after = test::seconds_until_idle_close(server.port(), 10);
    CHECK(closed_after >= 0);
    CHECK(closed_after < 5);
    CHECK(curl(server.port(), "/healthz").status == 200);
}

TEST_CASE("the shipped web page and its icon are served from the assets folder") {
    ::setenv("LECTERN_ASSETS_DIR", (LECTERN_SOURCE_DIR + "/assets").c_str(), 1);
    HttpServer server(test::test_web_config());
    REQUIRE(serve_web_assets(server));
    server.start();
    auto page = curl(server.port(), "/");
    CHECK(page.status == 200);
    CHECK(page.body.find("<title>Lectern</title>") != std::string::npos);
    CHECK(curl(server.port(), "/lectern.css").headers.find("text/css") != std::string::npos);
    CHECK(curl(server.port(), "/icons/lectern.png").headers.find("image/png") != std::string::npos);
    ::unsetenv("LECTERN_ASSETS_DIR");
}
