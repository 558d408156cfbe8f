#include "http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lectern::test {

int connect_to(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
    return fd;
}

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

CurlResult curl(int port, const std::string& path, const std::string& args) {
    auto dir = std::filesystem::temp_directory_path() /
               ("lectern-curl-" + std::to_string(::getpid()) + "-" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(dir);
    std::string cmd = "curl -sS --max-time 20 -o '" + (dir / "body").string() + "' -D '" + (dir / "head").string() +
                      "' -w '%{http_code}' " + args + " 'http://127.0.0.1:" + std::to_string(port) + path + "'";
    CurlResult r;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        std::array<char, 64> buf{};
        std::string out;
        while (std::fgets(buf.data(), buf.size(), p)) out += buf.data();
        ::pclose(p);
        r.status = std::atoi(out.c_str());
    }
    r.body = slurp(dir / "body");
    r.headers = slurp(dir / "head");
    std::filesystem::remove_all(dir);
    return r;
}

std::string raw_exchange(int port, const std::string& raw, int timeout_s) {
    int fd = connect_to(port);
    ::send(fd, raw.data(), raw.size(), MSG_NOSIGNAL);
    std::string answer;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0) continue;
        char buf[4096];
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        answer.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return answer;
}

double seconds_until_idle_close(int port, int limit_s) {
    int fd = connect_to(port);
    auto start = std::chrono::steady_clock::now();
    double result = -1;
    while (std::chrono::steady_clock::now() - start < std::chrono::seconds(limit_s)) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0) continue;
        char buf[256];
        if (::recv(fd, buf, sizeof buf, 0) <= 0) {
            result = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            break;
        }
    }
    ::close(fd);
    return result;
}

}  // namespace lectern::test
