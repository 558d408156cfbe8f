// Where "now" comes from: the system clock in the kiosk, a fixed instant for screenshots and tests.
#pragma once

#include "agenda.h"

namespace lectern {

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::floor<seconds>(std::chrono::system_clock::now()); }
};

class FixedClock final : public Clock {
public:
    explicit FixedClock(TimePoint t) : t_(t) {}
    TimePoint now() const override { return t_; }
    void set(TimePoint t) { t_ = t; }
    void advance(seconds by) { t_ += by; }

private:
    TimePoint t_;
};

}  // namespace lectern
