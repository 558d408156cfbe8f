// A route's answer rendered once per published status instead of once per request: a dashboard and a
// Prometheus scraper asking 200 times a second see the same snapshot about 40 times between two
// publishes (about 5 a second), and serializing it is most of what a request costs.
#pragma once

#include "station_status.h"

#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace lectern {

class RenderedCache {
public:
    explicit RenderedCache(std::function<std::string(const StationStatus&)> render) : render_(std::move(render)) {}

    // The text for `status`, rendered when it is a snapshot not seen before. Any thread.
    std::shared_ptr<const std::string> text(const std::shared_ptr<const StationStatus>& status) {
        std::lock_guard lock(mutex_);
        if (status != of_) {
            text_ = std::make_shared<const std::string>(render_(*status));
            of_ = status;
        }
        return text_;
    }

private:
    std::function<std::string(const StationStatus&)> render_;
    std::mutex mutex_;
    std::shared_ptr<const StationStatus> of_;
    std::shared_ptr<const std::string> text_;
};

}  // namespace lectern
