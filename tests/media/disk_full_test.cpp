// A full disk must not strand a recording (issue 12 item 21), on a real small filesystem: a tmpfs
// mounted by the test (the suite runs as root; elsewhere the test says it did not run).
#include "media_test_support.h"
#include "recorder.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace lectern;
using namespace std::chrono_literals;

namespace {

// A tmpfs of `mb` MB at a fresh folder, unmounted when the test ends.
struct SmallDisk {
    std::string path;
    bool mounted = false;
    SmallDisk(const std::string& name, int mb) : path(test::fresh_dir(name)) {
        mounted = ::mount("tmpfs", path.c_str(), "tmpfs", 0, ("size=" + std::to_string(mb) + "m").c_str()) == 0;
    }
    ~SmallDisk() {
        if (mounted) ::umount2(path.c_str(), MNT_DETACH);
    }
    int64_t free_bytes() const {
        struct statvfs s {};
        statvfs(path.c_str(), &s);
        return static_cast<int64_t>(s.f_bavail) * static_cast<int64_t>(s.f_frsize);
    }
    // Leaves `bytes` free by writing a filler file.
    void leave_free(int64_t bytes) {
        std::ofstream filler(path + "/filler", std::ios::binary);
        const std::string block(1 << 16, 'x');
        for (int64_t left = free_bytes() - bytes; left > 0; left -= static_cast<int64_t>(block.size()))
            filler.write(block.data(), static_cast<std::streamsize>(std::min<int64_t>(left, static_cast<int64_t>(block.size()))));
    }
};

}  // namespace

TEST_CASE("a recording stopped by the disk limit on a nearly full disk is finished in place, playable, with its sidecar, and handed on") {
    if (geteuid() != 0) {
        MESSAGE("not run: mounting a tmpfs needs root");
        return;
    }
    SmallDisk disk("disk-full", 24);
    REQUIRE_MESSAGE(disk.mounted, (std::string("cannot mount a tmpfs at ") + disk.path));
    MediaConfig config = test::small_config(disk.path + "/recordings");
    fs::create_directories(config.output_dir);
    // As measured on a kiosk: the file grows past what is left above the limit, so its faststart
    // copy cannot fit any more (scaled down: 2 MB limit, 3 MB to record).
    config.disk_stop_mb = 2;
    config.video_bitrate_kbps = 4000;  // fills those megabytes within seconds
    disk.leave_free((2 << 20) + (3 << 20));
    Recorder recorder(config);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("Until the disk is full")));
    const RecorderStatus stopped = test::wait_for_status(recorder, [](const RecorderStatus& s) { return s.state != RecorderState::Recording; });
    CHECK(stopped.message.find("disk almost full") != std::string::npos);
    auto done = recorder.wait_finished(30s);
    REQUIRE_MESSAGE(done, (recorder.finalize_errors().empty() ? "nothing finished" : recorder.finalize_errors()[0]));
    CHECK(test::decodes_cleanly(done->media_path));
    CHECK(test::duration_of(done->media_path) > 0.5);
    auto sidecar = nlohmann::json::parse(test::read_text(done->sidecar_path));
    CHECK(sidecar["size_bytes"] == static_cast<int64_t>(fs::file_size(done->media_path)));
    CHECK(sidecar["faststart"] == false);  // no room for a copy: the fragmented file itself
    // Nothing half-written is left to fill the disk, and nothing waits to be recovered.
    for (const auto& e : fs::directory_iterator(config.output_dir)) {
        const std::string name = e.path().filename().string();
        CHECK_MESSAGE(name.find(".tmp") == std::string::npos, name);
        CHECK_MESSAGE(name.find(".recording.") == std::string::npos, name);
    }
    CHECK(disk.free_bytes() > (1 << 20));
    recorder.close();
}
