#include "rate_limiter.h"

#include <algorithm>
#include <thread>

namespace lectern {

void RateLimiter::acquire(int64_t bytes) {
    while (true) {
        int64_t rate = rate_.load();
        if (rate <= 0) return;
        std::chrono::duration<double> wait{0};
        {
            std::lock_guard lock(mutex_);
            auto now = std::chrono::steady_clock::now();
            double elapsed = std::chrono::duration<double>(now - last_).count();
            last_ = now;
            // At most a quarter second of burst, so a cap is a cap, not an average over minutes.
            tokens_ = std::min(tokens_ + elapsed * rate, std::max<double>(rate / 4.0, bytes));
            if (tokens_ >= bytes) {
                tokens_ -= bytes;
                return;
            }
            wait = std::chrono::duration<double>((bytes - tokens_) / rate);
        }
        std::this_thread::sleep_for(std::min(wait, std::chrono::duration<double>(0.25)));
    }
}

}  // namespace lectern
