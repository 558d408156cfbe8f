#include "upload_fixtures.h"

#include "sha256.h"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace lectern::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
    char tmpl[] = "/tmp/lectern-upload-test-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    if (!std::getenv("LECTERN_KEEP_TEST_DIRS")) fs::remove_all(path, ec);
}

Recording make_recording(const std::string& dir, const std::string& name, int64_t size, uint32_t seed) {
    Recording r;
    r.media = dir + "/" + name + ".mkv";
    r.sidecar = dir + "/" + name + ".json";
    r.size = size;
    {
        std::ofstream out(r.media, std::ios::binary);
        std::mt19937 rng(seed);
        std::vector<uint32_t> block(1 << 16);
        for (int64_t left = size; left > 0;) {
            for (auto& w : block) w = rng();
            int64_t n = std::min<int64_t>(left, block.size() * 4);
            out.write(reinterpret_cast<const char*>(block.data()), n);
            left -= n;
        }
    }
    r.sha256 = sha256_file(r.media);
    std::ostringstream s;
    s << R"({"event":"BJAST 2026","room":"Hall A","item_id":"k1","title":"Opening: Keynote / Welcome",)"
      << R"("speakers":[{"name":"Li Wei","native_name":"李伟","affiliation":"Tsinghua"}],)"
      << R"("scheduled_start":"2026-11-25T09:00:00+08:00","scheduled_end":"2026-11-25T09:30:00+08:00",)"
      << R"("actual_start":"2026-11-25T09:01:12+08:00","actual_end":"2026-11-25T09:31:00+08:00","duration_seconds":1788.0,)"
      << R"("size_bytes":)" << size << R"(,"sha256":")" << r.sha256 << R"(","codecs":"h264/aac","kiosk_id":"lectern-test","recovered":false})";
    write_file(r.sidecar, s.str());
    return r;
}

void edit_sidecar(const Recording& rec, const std::string& field, const std::string& json_value) {
    nlohmann::json j = nlohmann::json::parse(read_file(rec.sidecar));
    j[field] = nlohmann::json::parse(json_value);
    write_file(rec.sidecar, j.dump());
}

int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

bool wait_for_port(int port, double seconds) {
    auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        close(fd);
        if (ok) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

bool wait_until(const std::function<bool()>& done, double seconds) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return done();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

ChildProcess::ChildProcess(std::vector<std::string> argv, std::map<std::string, std::string> env, const std::string& log) {
    pid_ = fork();
    if (pid_ == 0) {
        setpgid(0, 0);
        for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
        if (!log.empty()) {
            int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            dup2(fd, 1);
            dup2(fd, 2);
        }
        std::vector<char*> args;
        for (auto& a : argv) args.push_back(a.data());
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0 && !reaped_) {
        ::kill(-pid_, SIGTERM);
        for (int i = 0; i < 50 && running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (!reaped_) {
            ::kill(-pid_, SIGKILL);
            wait();
        }
    }
}

bool ChildProcess::running() {
    if (reaped_) return false;
    int st = 0;
    if (waitpid(pid_, &st, WNOHANG) == pid_) {
        reaped_ = true;
        status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        return false;
    }
    return true;
}

void ChildProcess::kill9() {
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);  // a child killed before its setpgid is not in its group yet
    wait();
}

int ChildProcess::wait() {
    if (!reaped_) {
        int st = 0;
        waitpid(pid_, &st, 0);
        reaped_ = true;
        status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    return status_;
}

int run(const std::vector<std::string>& argv, std::string* output, const std::map<std::string, std::string>& env) {
    char tmpl[] = "/tmp/lectern-run-XXXXXX";
    int fd = mkstemp(tmpl);
    close(fd);
    int code;
    {
        ChildProcess p(argv, env, tmpl);
        code = p.wait();
    }
    if (output) *output = read_file(tmpl);
    unlink(tmpl);
    return code;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

std::string sha256_of(const std::string& path) { return sha256_file(path); }
std::string python() { return "/usr/bin/python3"; }

}  // namespace lectern::test
