// `lectern run --headless` as a real process: it follows the demo agenda (which starts now), serves
// the API, obeys remote control, tells a stand-in for systemd how it is, and finishes the file on SIGTERM.
#include "http_client.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

extern char** environ;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using lectern::test::curl;

namespace {

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit) {
    for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
        if (done()) return true;
        ::poll(nullptr, 0, 50);
    }
    return done();
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A headless recorder in a folder of its own, started with a free port and a notify socket.
struct HeadlessRecorder {
    fs::path dir;
    pid_t pid = -1;
    int port = 0;
    int notify_fd = -1;

    // With notify, a datagram socket stands in for systemd's. Like systemd's, it must be read: the
    // kernel queues only a few datagrams (net.unix.max_dgram_qlen, 10 here) and sd_notify then waits.
    explicit HeadlessRecorder(bool notify = true) {
        dir = fs::temp_directory_path() / ("lectern-headless-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        fs::create_directories(dir);
        std::ofstream(dir / "room.toml") << "[kiosk]\nid = \"rack-test\"\n[media]\nwidth = 320\nheight = 180\nfps = 10\n"
                                         << "preview_width = 160\noutput_dir = \"" << (dir / "rec").string() << "\"\n"
                                         << "[upload]\nqueue_db = \"" << (dir / "uploads.db").string() << "\"\n"
                                         << "[[upload.targets]]\nname = \"archive\"\nkind = \"folder\"\npath = \""
                                         << (dir / "archive").string() << "\"\n";
        if (notify) {
            notify_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            sockaddr_un addr{};
            addr.sun_family = AF_UNIX;
            std::string path = (dir / "notify").string();
            std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
            REQUIRE(::bind(notify_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
            ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
            ::setenv("WATCHDOG_USEC", "400000", 1);
        }
        ::setenv("LECTERN_SECRET_LECTERN_API_PASSWORD", "desk-token", 1);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, (dir / "out.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, 2, (dir / "err.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        std::string bin = LECTERN_BIN_DIR "/lectern", config = (dir / "room.toml").string();
        std::vector<char*> argv = {bin.data(), const_cast<char*>("run"), const_cast<char*>("--headless"), const_cast<char*>("--config"),
                                   config.data(), const_cast<char*>("--listen"), const_cast<char*>("127.0.0.1:0"), nullptr};
        REQUIRE(posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        std::smatch m;
        std::regex serving(R"(serving http://127\.0\.0\.1:(\d+))");
        REQUIRE(wait_until([&] { std::string out = read_file(dir / "out.txt"); return std::regex_search(out, m, serving) && (port = std::stoi(m[1])); }, 30s));
    }
    ~HeadlessRecorder() {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
        if (notify_fd >= 0) ::close(notify_fd);
        fs::remove_all(dir);
    }
    // Exit status after SIGTERM, or -1 if it did not exit within the limit.
    int terminate(std::chrono::seconds limit) {
        ::kill(pid, SIGTERM);
        int status = 0;
        bool exited = wait_until([&] { return ::waitpid(pid, &status, WNOHANG) == pid; }, limit);
        if (!exited) return -1;
        pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    // Datagrams sent to the notify socket within `within`, concatenated.
    std::string notifications(std::chrono::milliseconds within) {
        std::string all;
        for (auto end = std::chrono::steady_clock::now() + within; std::chrono::steady_clock::now() < end;) {
            pollfd p{notify_fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            char buf[4096];
            ssize_t n = ::recv(notify_fd, buf, sizeof buf, 0);
            if (n > 0) all.append(buf, static_cast<size_t>(n)).append("\n");
        }
        return all;
    }
    nlohmann::json status() {
        auto r = curl(port, "/api/v1/status");
        return r.status == 200 ? nlohmann::json::parse(r.body) : nlohmann::json{};
    }
};

int count_files(const fs::path& dir, const std::string& suffix) {
    int n = 0;
    if (fs::exists(dir))
        for (auto& e : fs::recursive_directory_iterator(dir))
            if (e.path().string().ends_with(suffix)) ++n;
    return n;
}

}  // namespace

TEST_CASE("the headless recorder records the agenda's current item, splits on request and finishes on SIGTERM") {
    HeadlessRecorder room(false);  // no systemd here: nothing would read its notifications
    REQUIRE(wait_until([&] { auto s = room.status(); return !s.empty() && s["state"] == "recording"; }, 60s));
    auto s = room.status();
    CHECK(s["current_item"]["id"].is_string());
    CHECK(s["kiosk_id"] == "rack-test");
    CHECK(curl(room.port, "/api/v1/control/next", "-d ''").status == 401);
    auto next = curl(room.port, "/api/v1/control/next", "-d '' -H 'Authorization: Bearer desk-token'");
    CHECK(next.status == 200);
    REQUIRE(wait_until([&] { return room.status()["recording"]["segment"] == 2; }, 30s));
    CHECK(room.terminate(60s) == 0);
    CHECK(count_files(room.dir / "rec", ".mp4") == 2);
    CHECK(count_files(room.dir / "rec", ".recording.mp4") == 0);
    CHECK(read_file(room.dir / "err.txt").find("desk-token") == std::string::npos);
}

TEST_CASE("the headless recorder tells systemd it is ready and pings the watchdog only while its loop runs") {
    HeadlessRecorder room;
    std::string first = room.notifications(3000ms);
    CHECK(first.find("READY=1") != std::string::npos);
    CHECK(first.find("STATUS=") != std::string::npos);
    CHECK(first.find("WATCHDOG=1") != std::string::npos);
    ::kill(room.pid, SIGSTOP);  // a stuck process: no pings, so systemd would restart it
    CHECK(room.notifications(1000ms).find("WATCHDOG=1") == std::string::npos);
    ::kill(room.pid, SIGCONT);
    CHECK(room.notifications(2000ms).find("WATCHDOG=1") != std::string::npos);
    CHECK(room.terminate(60s) == 0);
    CHECK(room.notifications(500ms).find("STOPPING=1") != std::string::npos);
}
