// A token bucket shared by all upload workers, so the cap holds for the kiosk as a whole; its rate
// can change mid-transfer (a recording starts), which libcurl's own speed limit cannot.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace lectern {

class RateLimiter {
public:
    // bytes_per_s <= 0: unlimited.
    void set_rate(int64_t bytes_per_s) { rate_.store(bytes_per_s); }
    int64_t rate() const { return rate_.load(); }
    // Blocks until `bytes` may be sent.
    void acquire(int64_t bytes);

private:
    std::atomic<int64_t> rate_{0};
    std::mutex mutex_;
    double tokens_ = 0;
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace lectern
