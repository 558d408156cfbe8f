// A camera's picture over RTSP and a separate PulseAudio microphone, one room: one GStreamer
// pipeline (tests/servers/rtsp_camera.py --sync-pulse) makes the flash-and-beep sync pattern,
// serves its picture over RTSP on 127.0.0.1 and plays its beeps into the Pulse daemon's sink.
//
// The picture's first frames wait in the network buffer while the stream is probed (1.2 s here)
// and are then read in a burst. Placed by when they were read, the microphone's sound belonged
// before the recording's first picture and was skipped, and since the sound then always came
// "late" for its place, the whole recording was silent. Placed by when they arrived (SourceClock's
// arrival stamps), every beep is recorded with its flash, at one offset from start to end.
//
// The fixture writes down when each flash left its RTP payloader and when each beep went into the
// microphone (a Pulse pipe source: no playback buffer whose size Pulse would choose), so the
// recording's offset is checked against what was sent. The camera's own latency (encoding, its
// RTSP server's sending: about 100 ms here) is not visible to the recorder, which places a picture
// by when it arrives: the sound leads by that much in the file, and by that much only.
#include "media_test_support.h"
#include "real_sources.h"
#include "recorder.h"
#include "sync_probe.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <vector>

using namespace lectern;
using namespace std::chrono_literals;

TEST_CASE("an RTSP camera's picture and a separate PulseAudio microphone are recorded together, every beep at one offset from its flash") {
    std::string dir = test::fresh_dir("rtsp-pulse-sync");
    std::filesystem::create_directories(dir + "/pulse");
    std::filesystem::create_directories(dir + "/camera");
    test::PulseTone microphone(dir + "/pulse", 0);
    test::RtspCamera camera(dir + "/camera", microphone.microphone_fifo, dir + "/timing.txt");
    setenv("PULSE_SERVER", microphone.server.c_str(), 1);
    setenv("PULSE_CLIENTCONFIG", "/dev/null", 1);
    MediaConfig c = test::small_config(dir + "/rec");
    c.source = "rtsp";
    c.url = camera.url;
    c.audio_source = "pulse";
    c.audio_device = "microphone";
    Recorder recorder(c);
    REQUIRE(recorder.open());
    REQUIRE(recorder.start(test::sample_meta("camera and microphone")));
    auto s = test::wait_for(recorder, [](const RecorderStatus& s) { return s.frames_recorded >= 8 * 30; }, 60);
    REQUIRE(s.frames_recorded >= 8 * 30);
    recorder.stop();
    auto done = recorder.wait_finished(30s);
    REQUIRE(done);
    unsetenv("PULSE_SERVER");

    auto report = bench::probe_sync(done->media_path);
    REQUIRE_MESSAGE(report, report.error());
    // A flash every second from the picture's first second on, each with its beep.
    CHECK(report->pairs.size() >= 6);
    REQUIRE_FALSE(report->pairs.empty());
    std::vector<double> offsets;
    for (const auto& p : report->pairs) offsets.push_back(p.offset());
    std::nth_element(offsets.begin(), offsets.begin() + offsets.size() / 2, offsets.end());
    const double median = offsets[offsets.size() / 2];
    CAPTURE(median);
    // One offset throughout: the sound is neither skipped nor stretched after the start. A flash
    // may move by one frame: the held backlog comes in a burst larger than the capture queue, and a
    // dropped white frame is filled by repeating the one before it (2 ms: the beep's own jitter).
    // The first pair is left out: the recording's sound begins inside that beep (the microphone
    // opens as the camera's probe ends, on a flash's keyframe), so the beep's onset is not in the
    // file and it reads 10 to 40 ms off the others (bench/media/rtsp_pulse_timing.py's runs).
    for (size_t i = 1; i < report->pairs.size(); ++i) {
        const auto& p = report->pairs[i];
        CAPTURE(p.flash);
        CAPTURE(p.offset());
        CHECK(std::fabs(p.offset() - median) <= 1.0 / 30 + 0.002);
    }
    // What was sent: each beep went into the microphone this long after its flash left the camera.
    std::vector<double> sent = test::sent_offsets(dir + "/timing.txt");
    REQUIRE(sent.size() >= 6);
    std::nth_element(sent.begin(), sent.begin() + sent.size() / 2, sent.end());
    const double sent_median = sent[sent.size() / 2];
    CAPTURE(sent_median);
    MESSAGE("recorded " << median * 1000 << " ms, sent " << sent_median * 1000 << " ms");
    // The sound is never placed later than it was sent, and leads by no more than the camera's own
    // sending (its RTSP server: 31-33 ms measured at load 3-5, more under load) and Pulse's early
    // stamps (0-8 ms): 29-37 ms in all at load 4-5 (BENCHMARKS.md); the bound leaves room for the load.
    CHECK(median - sent_median <= 0.0);
    CHECK(median - sent_median >= -0.100);
}
