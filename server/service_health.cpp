#include "service_health.h"

#include <cstdio>

namespace lectern {

void ServiceHealth::report(const RecorderStatus& recorder, const std::string& status) {
    const std::string stalled = watch_.check(recorder, std::chrono::steady_clock::now());
    if (stalled.empty() != was_healthy_)
        std::fprintf(stderr, stalled.empty() ? "<5>lectern: the recording advances again%s\n" : "<2>lectern: %s; no watchdog pings until it advances\n",
                     stalled.c_str());
    was_healthy_ = stalled.empty();
    if (!announced_) notifier_.ready(status), announced_ = true;
    else if (!stalled.empty()) notifier_.unhealthy(stalled);
    else notifier_.healthy(status);
}

}  // namespace lectern
