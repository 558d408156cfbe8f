// When each picture and piece of sound was captured, in the steady clock's seconds.
#include "source_clock.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>

using namespace lectern;

namespace {

double wall_now() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

}  // namespace

TEST_CASE("a device's sound read two seconds after it was captured keeps its capture time") {
    // libavdevice (PulseAudio, ALSA, x11grab, V4L2) stamps with the wall clock at capture; the
    // first packets wait in a buffer while the recorder opens its other source.
    const double captured = wall_now() - 2.0;
    SourceClock clock(captured, SourceClock::Stamps::WallClock);
    CHECK(std::fabs(clock.media_time(static_cast<int64_t>(captured * 1e6), AVRational{1, 1000000})) < 1e-5);
    CHECK(std::fabs(clock.capture_time(0) - (SourceClock::steady_now() - 2.0)) < 0.05);
    CHECK(clock.capture_time(0.5) - clock.capture_time(0) == doctest::Approx(0.5));
}

TEST_CASE("a device whose stamps are not the wall clock falls back to the time its first frame was read") {
    // A V4L2 driver may stamp with the monotonic clock: seconds since boot are no wall-clock time.
    SourceClock clock(1000.0, SourceClock::Stamps::WallClock);
    CHECK(clock.media_time(1000 * 1000000LL, AVRational{1, 1000000}) == doctest::Approx(0));
    CHECK(std::fabs(clock.capture_time(0) - SourceClock::steady_now()) < 0.05);
}

TEST_CASE("a file or a generator is captured when its first frame is read") {
    SourceClock clock(0.0, SourceClock::Stamps::Media);
    CHECK(clock.media_time(90000, AVRational{1, 90000}) == doctest::Approx(1.0));
    CHECK(std::fabs(clock.capture_time(1.0) - SourceClock::steady_now()) < 0.05);
}

TEST_CASE("a network stream's frames read in a burst after probing are placed by when they arrived") {
    // 1.2 s of frames waited in the network buffer while the stream was probed: read within 1 ms
    // each at steady time 100, then the stream's frames come as they are sent, 30 ms after capture
    // (with a read that was late by 20 ms).
    SourceClock clock(0.0, SourceClock::Stamps::Arrival);
    const double frame = 1.0 / 30;
    double now = 100, t = 0;
    for (; t < 1.2; t += frame, now += 0.001) {
        clock.arrived(t, now);
        REQUIRE_FALSE(clock.settled());  // the backlog is not read yet: its frames are held
    }
    const double captured_at_zero = now - t;  // the packets read in real time from here on
    for (int i = 0; i < 8 && !clock.settled(); ++i, t += frame) clock.arrived(t, captured_at_zero + t + (i == 2 ? 0.02 : 0));
    REQUIRE(clock.settled());
    CHECK(clock.capture_time(0) == doctest::Approx(captured_at_zero).epsilon(1e-9));
    CHECK(clock.capture_time(1.0) - clock.capture_time(0) == doctest::Approx(1.0));
}

TEST_CASE("a network stream whose backlog never ends is placed after two seconds of frames at most") {
    // Frames held in memory until the backlog is read are bounded: a source read faster than
    // real time for ever (a stream replaying a file) settles on what it has seen.
    SourceClock clock(0.0, SourceClock::Stamps::Arrival);
    double t = 0;
    for (; !clock.settled() && t < 10; t += 1.0 / 30) clock.arrived(t, 100 + t / 2);
    CHECK(t == doctest::Approx(SourceClock::kMaxHold + 1.0 / 30).epsilon(0.02));
}
