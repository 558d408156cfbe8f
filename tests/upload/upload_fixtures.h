// Test helpers for the upload suite: temporary folders, recordings with sidecars, child processes
// and real servers on 127.0.0.1 started on free ports and stopped when the test ends.
#pragma once

#include "test_paths.h"
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace lectern::test {

// A fresh folder under /tmp, removed with its content when the object goes.
struct TempDir {
    TempDir();
    ~TempDir();
    std::string path;
    std::string operator/(const std::string& name) const { return path + "/" + name; }
};

struct Recording {
    std::string media;
    std::string sidecar;
    std::string sha256;
    int64_t size = 0;
};

// Where make_recording's sidecar lands under the default key template, and as a URL path.
inline const std::string kRecordingKey = "BJAST 2026/2026-11-25/Hall A/090112-Li Wei-k1";
inline const std::string kRecordingKeyInUrl = "BJAST%202026/2026-11-25/Hall%20A/090112-Li%20Wei-k1";

// Writes `size` pseudo-random bytes as <dir>/<name>.mkv and a sidecar JSON beside it.
Recording make_recording(const std::string& dir, const std::string& name, int64_t size, uint32_t seed = 1);

// Rewrites one field of a recording's sidecar, e.g. edit_sidecar(rec, "room", "\"大厅\"") (JSON text).
void edit_sidecar(const Recording& rec, const std::string& field, const std::string& json_value);

// Polls `done` every 20 ms until it holds or `seconds` pass; returns its last answer. The one way
// the upload tests wait for something another thread or process does.
bool wait_until(const std::function<bool()>& done, double seconds);

int free_port();
bool wait_for_port(int port, double seconds);

// A child process (exec'd argv); killed with SIGTERM then SIGKILL when destroyed.
class ChildProcess {
public:
    ChildProcess(std::vector<std::string> argv, std::map<std::string, std::string> env = {},
                 const std::string& log_file = "");
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    int pid() const { return pid_; }
    void kill9();                 // SIGKILL and reap, as a power cut would leave it
    int wait();                   // exit status (or 128+signal)
    bool running();

private:
    int pid_ = -1;
    bool reaped_ = false;
    int status_ = 0;
};

// Runs a command to completion; returns the exit code and fills `output` with stdout+stderr.
int run(const std::vector<std::string>& argv, std::string* output = nullptr,
        const std::map<std::string, std::string>& env = {});

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);
std::string sha256_of(const std::string& path);
using test_paths::bin_dir;
using test_paths::source_dir;
// /usr/bin/python3: Debian's python3-botocore lives there, whatever PATH says.
std::string python();

}  // namespace lectern::test
