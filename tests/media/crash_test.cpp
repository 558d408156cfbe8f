// A kill -9 in the middle of a recording: the file on disk plays, at most about 2 s are missing,
// and the next start recovers it into a finished file with a sidecar marked recovered.
#include "media_test_support.h"
#include "recorder.h"
#include "test_paths.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace lectern;
using namespace std::chrono_literals;

TEST_CASE("a recorder killed with SIGKILL leaves a playable file that the next start recovers") {
    std::string dir = test::fresh_dir("crash");
    std::string config = dir + "/lectern.toml";
    std::ofstream(config) << "[media]\nwidth = 320\nheight = 240\noutput_dir = \"" << dir << "/rec\"\n";

    const std::string exe = LECTERN_BIN_DIR + "/" LECTERN_RECORD_EXE_NAME;
    int out[2];
    REQUIRE(::pipe(out) == 0);
    pid_t child = ::fork();
    if (child == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        ::execl(exe.c_str(), "lectern", "record", "--config",
                config.c_str(), "--item", "address-wu", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(out[1]);
    // Wait for "recording from ...", then let it record for four seconds.
    FILE* child_out = ::fdopen(out[0], "r");
    char line[512] = {};
    REQUIRE(std::fgets(line, sizeof line, child_out) != nullptr);
    CHECK(std::string(line).find("recording from synthetic") == 0);
    auto started = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(4s);
    double recorded_for = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    std::fclose(child_out);
    REQUIRE(WIFSIGNALED(status));

    std::string partial;
    for (const auto& e : fs::directory_iterator(dir + "/rec"))
        if (e.path().string().ends_with(".recording.mp4")) partial = e.path().string();
    REQUIRE_FALSE(partial.empty());
    CHECK(test::codecs_of(partial) == std::vector<std::string>{"h264", "aac"});
    double left = test::duration_of(partial);
    CHECK(left >= recorded_for - 2.0);  // at most 2 s lost
    CHECK(left <= recorded_for + 0.5);

    MediaConfig c = test::small_config(dir + "/rec");
    Recorder next(c);
    REQUIRE(next.open());
    CHECK(next.recovered_at_open() == 1);
    auto recovered = next.wait_finished(20s);
    REQUIRE(recovered);
    CHECK(recovered->recovered);
    CHECK(test::decodes_cleanly(recovered->media_path));
    CHECK(test::duration_of(recovered->media_path) == doctest::Approx(left).epsilon(0.05));
    auto sidecar = nlohmann::json::parse(test::read_text(recovered->sidecar_path));
    CHECK(sidecar["recovered"] == true);
    CHECK(sidecar["item_id"] == "address-wu");  // the pending record told recovery what it was
    CHECK_FALSE(sidecar["sha256"].get<std::string>().empty());
    // Never deleted: the crashed original is kept beside the recovered file, under a new name.
    CHECK_FALSE(fs::exists(partial));
    CHECK(fs::exists(partial.substr(0, partial.size() - 14) + ".crashed.mp4"));
}
