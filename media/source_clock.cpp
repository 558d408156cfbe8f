#include "source_clock.h"

#include <chrono>
#include <cmath>
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

void SourceClock::wait_until(double t, const std::atomic<bool>& stop) {
    const double due = capture_time(t);
    // Short steps, so a stop request is noticed quickly.
    for (double now = steady_now(); !stop && now < due; now = steady_now())
        std::this_thread::sleep_for(std::chrono::duration<double>(std::min(due - now, 0.05)));
}

}  // namespace lectern
