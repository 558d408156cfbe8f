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
