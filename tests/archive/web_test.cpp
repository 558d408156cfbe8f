// The staff page on the real server: `lectern archive serve` on a free 127.0.0.1 port, checked with
// curl (password, growing delay, Range, sidecar, traversal) and in headless Chromium.
#include "archive_fixtures.h"
#include "png_image.h"
#include "staff_gate.h"
#include "operator_access.h"
#include "test_paths.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace lectern;
using namespace lectern::archive_test;
namespace fs = std::filesystem;

namespace {

const std::string lectern_bin = LECTERN_BIN_DIR + "/lectern";
const std::string kPassword = "staff-secret-42";

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A catalogue of the demo morning plus one real recording, served by `lectern archive serve`.
struct StaffPage {
    ScratchDir dir;
    int port = test::free_port();
    std::unique_ptr<test::ChildProcess> server;
    std::string base = "http://127.0.0.1:" + std::to_string(port);

    StaffPage() {
        write_fake_recording(dir / "rec", {.stem = "wong", .title = "Open Science across Borders",
                                           .speakers = {{"Frank Wong", "黄国强", "HKU"}}, .bytes = 200000, .seed = 1});
        write_fake_recording(dir / "rec", {.stem = "wu", .title = "Address", .speakers = {{"Wu Jianmin", "伍建民", "BJAST"}}, .seed = 2});
        REQUIRE(run_command(lectern_bin + " record --out " + dir / "rec" + " --duration 2s > /dev/null 2>&1").status == 0);
        std::ofstream(dir / "web.toml") << "[archive]\ncatalog_db = \"" << dir / "catalog.db" << "\"\nstaff_password_hash = \""
                                        << make_pin_hash(kPassword, 1000) << "\"\n";
        REQUIRE(run_command(lectern_bin + " archive reindex " + dir / "rec" + " --config " + dir / "web.toml").status == 0);
        server = std::make_unique<test::ChildProcess>(std::vector<std::string>{
            lectern_bin, "archive", "serve", "--config", dir / "web.toml", "--listen", "127.0.0.1:" + std::to_string(port)});
        REQUIRE(test::wait_for_port(port, 20));
    }
    CommandResult curl(const std::string& args) { return run_command("curl -s " + args + " 2>&1"); }
    std::string auth() const { return "-u staff:" + kPassword + " "; }
};

}  // namespace

TEST_CASE("the recordings API needs the staff password and lists, pages and filters the catalogue") {
    StaffPage page;
    CHECK(page.curl("-o /dev/null -w '%{http_code}' " + page.base + "/api/v1/recordings").out == "401");
    CHECK(page.curl("-o /dev/null -w '%{http_code}' -u staff:1234 " + page.base + "/api/v1/recordings").out == "401");
    auto all = nlohmann::json::parse(page.curl(page.auth() + "'" + page.base + "/api/v1/recordings?per_page=2'").out);
    CHECK(all["total"] == 3);
    CHECK(all["recordings"].size() == 2);
    auto wong = nlohmann::json::parse(page.curl(page.auth() + "'" + page.base + "/api/v1/recordings?q=%E9%BB%84%E5%9B%BD%E5%BC%BA'").out);
    REQUIRE(wong["total"] == 1);
    CHECK(wong["recordings"][0]["title"] == "Open Science across Borders");
    CHECK(!wong["recordings"][0].contains("media_path"));  // no paths of the kiosk leave it
}

TEST_CASE("a download answers HTTP Range requests with the file's exact bytes") {
    StaffPage page;
    auto list = nlohmann::json::parse(page.curl(page.auth() + "'" + page.base + "/api/v1/recordings?q=wong'").out);
    const std::string media = page.base + list["recordings"][0]["media_url"].get<std::string>();
    CommandResult head = page.curl(page.auth() + "-r 1000-1999 -o " + page.dir / "part" + " -D - " + media);
    CHECK(head.out.find("206 Partial Content") != std::string::npos);
    CHECK(head.out.find("Content-Range: bytes 1000-1999/200000") != std::string::npos);
    CHECK(slurp(page.dir / "part") == slurp(page.dir / "rec/wong.mp4").substr(1000, 1000));
    page.curl(page.auth() + "-o " + page.dir / "whole" + " '" + media + "?download=1'");
    CHECK(slurp(page.dir / "whole") == slurp(page.dir / "rec/wong.mp4"));
    const std::string sidecar = page.base + list["recordings"][0]["sidecar_url"].get<std::string>();
    CHECK(page.curl(page.auth() + sidecar).out == slurp(page.dir / "rec/wong.json"));
}

TEST_CASE("paths that try to leave the catalogue are refused") {
    StaffPage page;
    for (const std::string path : {"/../../etc/passwd", "/api/v1/recordings/..%2F..%2Fetc%2Fpasswd/media",
                                   "/api/v1/recordings/1%2F..%2F..%2Fetc%2Fpasswd/sidecar", "/%2e%2e/%2e%2e/etc/passwd"}) {
        CommandResult r = page.curl("--path-as-is -o /dev/null -w '%{http_code}' " + page.auth() + "'" + page.base + path + "'");
        CAPTURE(path);
        CHECK((r.out == "404" || r.out == "400"));
    }
}

TEST_CASE("the page signs in with a session cookie and each wrong password waits longer") {
    StaffPage page;
    const std::string jar = page.dir / "cookies";
    CHECK(page.curl("-o /dev/null -w '%{http_code}' -c " + jar + " -d '' " + page.auth() + page.base + "/api/v1/session").out == "200");
    CHECK(page.curl("-o /dev/null -w '%{http_code}' -b " + jar + " " + page.base + "/api/v1/recordings").out == "200");

    StaffGate gate(make_pin_hash(kPassword, 1000));
    WebRequest wrong;
    wrong.remote_addr = "10.0.0.9";
    wrong.set_header("Authorization", "Basic c3RhZmY6d3Jvbmc=");  // staff:wrong
    WebResponse res;
    CHECK(gate.penalty("10.0.0.9").count() == 0);
    CHECK(!gate.admit(wrong, res));
    CHECK(res.status == 401);
    auto first = gate.penalty("10.0.0.9");
    CHECK(!gate.admit(wrong, res));
    CHECK(gate.penalty("10.0.0.9") > first);
    CHECK(gate.penalty("10.0.0.10").count() == 0);  // another address is not slowed down
}

TEST_CASE("in Chromium, staff sign in, find Frank Wong by his Chinese name and play a recording") {
    StaffPage page;
    const std::string shot = page.dir / "page.png";
    CommandResult r = run_command("node --experimental-websocket --no-warnings " + LECTERN_SOURCE_DIR
                                  + "/tests/archive/page_check.mjs " + page.base + "/recordings.html " + kPassword +
                                  " 黄国强 'Headless recording' " + shot + " 1400x900 2>&1");
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("Open Science across Borders") != std::string::npos);
    CHECK(r.out.find("video width: 1280") != std::string::npos);
    PngImage png = PngImage::read(shot);
    CHECK(png.width == 1400);
    CHECK(png.height == 900);
    CHECK(png.distinct_colours() > 200);  // the page with a picture in the player, not a blank
}
