// V4L2 cameras and ALSA sound cards cannot be plugged into the build machine (media/README.md):
// what can go wrong with them is reported with the device and the fix. Missing devices are in
// errors_test.cpp; here a device this user may not open, a node that is not a camera, an input
// format FFmpeg does not know, a busy device and one that refuses the format, and ALSA's own
// "null" device recorded through the real ALSA path.
#include "media_test_support.h"
#include "recorder.h"
#include "sources/source.h"
#include "test_paths.h"

#include <doctest/doctest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <unistd.h>

extern "C" {
#include <libavutil/error.h>
}

using namespace lectern;
using namespace std::chrono_literals;

using test::open_error;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a camera this user may not open names the video group") {
    std::string dir = test::fresh_dir("cam-denied");
    const std::string node = dir + "/video0";
    std::ofstream(node) << "";
    std::filesystem::permissions(node, std::filesystem::perms::none);
    std::ofstream(dir + "/cam.toml") << "[media]\nsource = \"v4l2\"\ndevice = \"" << node << "\"\n";
    // Root opens any file; without CAP_DAC_OVERRIDE it is refused like a kiosk user outside 'video'.
    const std::string as_user = ::geteuid() == 0 ? "setpriv --bounding-set=-dac_override,-dac_read_search " : "";
    std::string out = test::run(as_user + LECTERN_BIN_DIR + "/" LECTERN_RECORD_EXE_NAME " record --config " + dir + "/cam.toml --out " + dir +
                                "/rec --duration 1s 2>&1; echo rc=$?");
    CHECK(has(out, "camera " + node + ": cannot open (Permission denied)"));
    CHECK(has(out, "add it to the 'video' group"));
    CHECK(has(out, "rc=1"));
}

TEST_CASE("a device node that is not a camera says where to see what the device offers") {
    MediaConfig c = test::small_config(test::fresh_dir("not-a-camera"));
    c.source = "v4l2";
    c.device = "/dev/null";
    std::string e = open_error(c);
    CHECK(e.find("camera /dev/null: cannot open (Inappropriate ioctl for device)") == 0);
    CHECK(has(e, "v4l2-ctl --list-formats-ext -d /dev/null"));
    CHECK(has(e, "320x240 at 30 fps"));
}

TEST_CASE("an input format FFmpeg does not know is named before the camera is touched") {
    MediaConfig c = test::small_config(test::fresh_dir("bad-format"));
    c.source = "v4l2";
    c.device = "/dev/video9";
    c.input_format = "mjpgg";
    std::string e = open_error(c);
    CHECK(e.find("camera /dev/video9: [media] input_format \"mjpgg\" is neither") == 0);
    CHECK_FALSE(has(e, "No such file"));
    // Names FFmpeg knows pass on to the device (here: missing).
    c.input_format = "mjpeg";
    CHECK(has(open_error(c), "No such file or directory"));
}

TEST_CASE("a busy camera or sound card names what holds it, and one that refuses the format says what it offers") {
    // Only real hardware answers EBUSY or refuses a format: the answers to those errors are checked.
    MediaConfig c = test::small_config("/tmp");
    c.device = "/dev/video2";
    c.audio_device = "hw:1,0";
    SourceSpec camera = v4l2_source(c), card = alsa_source(c);
    CHECK(has(fix_for(camera, AVERROR(EBUSY)), "fuser -v /dev/video2"));
    CHECK(has(fix_for(camera, AVERROR(EINVAL)), "v4l2-ctl --list-formats-ext -d /dev/video2"));
    CHECK(has(fix_for(camera, AVERROR(EACCES)), "'video' group"));
    CHECK(has(fix_for(card, AVERROR(EBUSY)), "audio_source = \"pulse\""));
    CHECK(has(fix_for(card, AVERROR(EINVAL)), "arecord --dump-hw-params -D hw:1,0"));
    CHECK(has(fix_for(card, AVERROR(EPERM)), "'audio' group"));
    CHECK(has(fix_for(card, AVERROR(ENOENT)), "arecord -l"));
}

TEST_CASE("ALSA's null device is recorded through the ALSA path for the whole recording, without alerts") {
    std::string dir = test::fresh_dir("alsa-null");
    MediaConfig c = test::small_config(dir + "/rec");
    c.audio_source = "alsa";
    c.audio_device = "null";
    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("alsa")));
    auto s = test::wait_for_frames(recorder, 60);
    CHECK(s.alerts.empty());
    recorder.stop();
    auto done = recorder.wait_finished(30s);
    REQUIRE(done);
    CHECK(test::codecs_of(done->media_path) == std::vector<std::string>{"h264", "aac"});
    CHECK(test::duration_of(done->media_path) == doctest::Approx(2).epsilon(0.2));
    // What the null device gives is undefined (a constant or stale memory): only its presence and
    // its length are checked. The sound runs the whole recording: no reconnection, no gap.
    std::string audio = test::run("ffprobe -v error -select_streams a -show_entries stream=duration -of csv=p=0 '" +
                                  done->media_path + "'");
    CHECK(std::stod(audio) == doctest::Approx(test::duration_of(done->media_path)).epsilon(0.05));
}
