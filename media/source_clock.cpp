#include "source_clock.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace lectern {

SourceClock::SourceClock(double origin, Stamps stamps)
    : origin_(origin), origin_from_first_(std::isnan(origin)), stamps_(stamps), steady_origin_(NAN) {}

double SourceClock::steady_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double SourceClock::wall_now() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double SourceClock::media_time(int64_t pts, AVRational tb) {
    const double t = pts * av_q2d(tb);
    if (std::isnan(origin_)) origin_ = t;
    return loop_offset_ + t - origin_;
}

void SourceClock::restart(double loop_start) {
    loop_offset_ = loop_start;
    if (origin_from_first_) origin_ = NAN;
}

double SourceClock::capture_time(double t) {
    if (std::isnan(steady_origin_)) {
        const double now = steady_now();
        steady_origin_ = now - t;
        // Media time 0 is the wall-clock stamp origin_: it was captured that long ago.
        const double age = wall_now() - (origin_ + t - loop_offset_);
        if (stamps_ == Stamps::WallClock && std::isfinite(age) && std::fabs(age) < 10) steady_origin_ = now - age - t;
    }
    return steady_origin_ + t;
}

void SourceClock::arrived(double t, double now) {
    if (settled()) return;
    // A backlog is read faster than real time: each packet's now - t is smaller than the last
    // one's by nearly a frame. Once packets come as they are captured it stops moving earlier
    // (by more than the jitter of a read); five such packets in a row end the backlog.
    constexpr double kJitter = 0.002;
    constexpr int kInARow = 5;
    const double offset = now - t;
    if (std::isnan(earliest_) || offset < earliest_ - kJitter) later_in_a_row_ = 0;
    else ++later_in_a_row_;
    earliest_ = std::isnan(earliest_) ? offset : std::min(earliest_, offset);
    if (std::isnan(first_arrival_)) first_arrival_ = t;
    if (later_in_a_row_ >= kInARow || t - first_arrival_ >= kMaxHold) steady_origin_ = earliest_;
}

void SourceClock::wait_until(double t, const std::atomic<bool>& stop) {
    const double due = capture_time(t);
    // Short steps, so a stop request is noticed quickly.
    for (double now = steady_now(); !stop && now < due; now = steady_now())
        std::this_thread::sleep_for(std::chrono::duration<double>(std::min(due - now, 0.05)));
}

}  // namespace lectern
