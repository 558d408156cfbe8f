// A real `lectern` process for the server suites (the headless recorder, the kiosk under Xvfb, the
// fleet script): in a scratch folder of its own (configuration, recordings, queue, archive), serving
// on a free 127.0.0.1 port, optionally with a stand-in for systemd's notify socket.
#pragma once

#include "http_client.h"

#include <nlohmann/json.hpp>

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace lectern::test {

// Polls `done` every 50 ms until it is true or `limit` passed; returns its last answer.
bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit);
std::string read_text(const std::filesystem::path& p);
int count_files(const std::filesystem::path& dir, const std::string& suffix);

// POST /api/v1/control/WORD with the token every StationProcess is given (desk-token).
CurlResult control(int port, const std::string& word);

// Runs `command` through sh; its exit status and what it printed (stdout and stderr together).
struct ShellResult {
    int exit = -1;
    std::string output;
};
ShellResult run_shell(const std::string& command);

struct StationOptions {
    std::vector<std::string> args = {"run", "--headless"};  // `--config FILE` is added after these
    std::string kiosk_id = "rack-test";
    std::string kiosk_extra;                                // lines added to the [kiosk] table
    std::vector<std::string> wrapper;                       // a command that runs lectern (e.g. cage -s --)
    std::string extra_config;                               // TOML appended to the generated file
    std::vector<std::pair<std::string, std::string>> env;   // added to this process's environment
    // A datagram socket standing in for systemd's ($NOTIFY_SOCKET, $WATCHDOG_USEC). Like systemd's it
    // must be read: the kernel queues only a few datagrams (net.unix.max_dgram_qlen, 10 here) and
    // sd_notify then waits.
    bool notify = false;
    std::chrono::microseconds watchdog{400000};
};

class StationProcess {
public:
    explicit StationProcess(StationOptions options = {});  // returns once it prints where it serves
    ~StationProcess();                                     // SIGKILL if still running; removes the folder
    StationProcess(const StationProcess&) = delete;
    StationProcess& operator=(const StationProcess&) = delete;

    // Exit status after SIGTERM, or -1 if it did not exit within the limit.
    int terminate(std::chrono::milliseconds limit);
    // Datagrams sent to the notify socket within `within`, one per line.
    std::string notifications(std::chrono::milliseconds within);
    nlohmann::json status();  // GET /api/v1/status; empty when it did not answer 200
    std::string log() const { return read_text(dir / "err.txt"); }

    std::filesystem::path dir;
    pid_t pid = -1;
    int port = 0;

private:
    int notify_fd_ = -1;
};

// An Xvfb display of its own (-displayfd picks a free number), for a kiosk with a window.
class XvfbDisplay {
public:
    explicit XvfbDisplay(const std::string& size = "1280x720");
    ~XvfbDisplay();
    XvfbDisplay(const XvfbDisplay&) = delete;
    XvfbDisplay& operator=(const XvfbDisplay&) = delete;
    std::string name;  // ":99"

private:
    pid_t pid_ = -1;
    std::filesystem::path dir_;
};

}  // namespace lectern::test
