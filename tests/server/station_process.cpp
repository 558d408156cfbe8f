#include "station_process.h"

#include "http_client.h"
#include "test_paths.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

extern char** environ;
namespace fs = std::filesystem;

namespace lectern::test {
namespace {

fs::path scratch_dir(const std::string& what) {
    fs::path dir = fs::temp_directory_path() / ("lectern-" + what + "-" + std::to_string(::getpid()) + "-" +
                                                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(dir);
    return dir;
}

// This process's environment with `extra` added (replacing variables of the same name).
std::vector<std::string> environment_with(const std::vector<std::pair<std::string, std::string>>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        bool replaced = false;
        for (const auto& [name, value] : extra) replaced |= std::strncmp(*e, (name + "=").c_str(), name.size() + 1) == 0;
        if (!replaced) env.emplace_back(*e);
    }
    for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
    return env;
}

pid_t spawn(const std::vector<std::string>& args, const std::vector<std::string>& env, const fs::path& out, const fs::path& err,
            int fd3 = -1) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd3 >= 0) posix_spawn_file_actions_adddup2(&actions, fd3, 3);
    std::vector<char*> argv, envp;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    argv.push_back(nullptr);
    envp.push_back(nullptr);
    pid_t pid = -1;
    const int failed = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (failed) throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(failed));
    return pid;
}

void kill_and_reap(pid_t pid) {
    if (pid <= 0) return;
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
}

}  // namespace

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
        if (done()) return true;
        ::poll(nullptr, 0, 50);
    }
    return done();
}

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

int count_files(const fs::path& dir, const std::string& suffix) {
    int n = 0;
    if (fs::exists(dir))
        for (auto& e : fs::recursive_directory_iterator(dir))
            if (e.path().string().ends_with(suffix)) ++n;
    return n;
}

ShellResult run_shell(const std::string& command) {
    ShellResult r;
    FILE* p = ::popen((command + " 2>&1").c_str(), "r");
    if (!p) return r;
    char buf[4096];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
    const int status = ::pclose(p);
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

StationProcess::StationProcess(StationOptions o) : dir(scratch_dir("station")) {
    std::ofstream(dir / "station.toml") << "[kiosk]\nid = \"" << o.kiosk_id << "\"\n" << o.kiosk_extra << "[web]\nlisten = \"127.0.0.1:0\"\n"
                                        << "[media]\nwidth = 320\nheight = 180\nfps = 10\npreview_width = 160\noutput_dir = \""
                                        << (dir / "rec").string() << "\"\n[upload]\nqueue_db = \"" << (dir / "uploads.db").string()
                                        << "\"\n[[upload.targets]]\nname = \"archive\"\nkind = \"folder\"\npath = \""
                                        << (dir / "archive").string() << "\"\n"
                                        << o.extra_config;
    auto env = o.env;
    env.emplace_back("LECTERN_SECRET_LECTERN_API_PASSWORD", "desk-token");
    if (o.notify) {
        notify_fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const std::string path = (dir / "notify").string();
        std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
        if (::bind(notify_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
            throw std::runtime_error("cannot bind the notify socket " + path);
        env.emplace_back("NOTIFY_SOCKET", path);
        env.emplace_back("WATCHDOG_USEC", std::to_string(o.watchdog.count()));
    }
    std::vector<std::string> args = o.wrapper;
    args.push_back(LECTERN_BIN_DIR + "/lectern");
    args.insert(args.end(), o.args.begin(), o.args.end());
    args.insert(args.end(), {"--config", (dir / "station.toml").string()});
    pid = spawn(args, environment_with(env), dir / "out.txt", dir / "err.txt");
    const std::regex serving(R"(serving http://127\.0\.0\.1:(\d+))");
    wait_until(
        [&] {
            std::smatch m;
            const std::string out = read_text(dir / "out.txt");
            if (std::regex_search(out, m, serving)) port = std::stoi(m[1]);
            return port > 0 || ::waitpid(pid, nullptr, WNOHANG) == pid;
        },
        std::chrono::seconds(30));
    if (port == 0) {
        const std::string why = log();
        kill_and_reap(pid);
        pid = -1;
        throw std::runtime_error("lectern did not start serving; its log:\n" + why);
    }
}

StationProcess::~StationProcess() {
    kill_and_reap(pid);
    if (notify_fd_ >= 0) ::close(notify_fd_);
    std::error_code ec;
    fs::remove_all(dir, ec);
}

int StationProcess::terminate(std::chrono::milliseconds limit) {
    ::kill(pid, SIGTERM);
    int status = 0;
    if (!wait_until([&] { return ::waitpid(pid, &status, WNOHANG) == pid; }, limit)) return -1;
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string StationProcess::notifications(std::chrono::milliseconds within) {
    std::string all;
    for (auto end = std::chrono::steady_clock::now() + within; std::chrono::steady_clock::now() < end;) {
        pollfd p{notify_fd_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        char buf[4096];
        const ssize_t n = ::recv(notify_fd_, buf, sizeof buf, 0);
        if (n > 0) all.append(buf, static_cast<size_t>(n)).append("\n");
    }
    return all;
}

nlohmann::json StationProcess::status() {
    auto r = curl(port, "/api/v1/status");
    return r.status == 200 ? nlohmann::json::parse(r.body) : nlohmann::json{};
}

XvfbDisplay::XvfbDisplay(const std::string& size) : dir_(scratch_dir("xvfb")) {
    // -displayfd: Xvfb picks a free display number and writes it to fd 3 once it accepts clients.
    const int fd = ::open((dir_ / "display").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_ = spawn({"Xvfb", "-displayfd", "3", "-screen", "0", size + "x24", "-nolisten", "tcp"}, environment_with({}),
                 dir_ / "out.txt", dir_ / "err.txt", fd);
    ::close(fd);
    wait_until([&] { return read_text(dir_ / "display").find('\n') != std::string::npos; }, std::chrono::seconds(20));
    std::string number = read_text(dir_ / "display");
    while (!number.empty() && (number.back() == '\n')) number.pop_back();
    if (number.empty()) throw std::runtime_error("Xvfb did not start: " + read_text(dir_ / "err.txt"));
    name = ":" + number;
}

XvfbDisplay::~XvfbDisplay() {
    kill_and_reap(pid_);
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

CurlResult control(int port, const std::string& word) {
    return curl(port, "/api/v1/control/" + word, "-d '' -H 'Authorization: Bearer desk-token'");
}

}  // namespace lectern::test
