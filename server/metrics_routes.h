// GET /metrics: the StatusBoard in Prometheus' text exposition format (prometheus-cpp's
// TextSerializer), base units, `_total` on counters. The metric names are an interface for the AV
// desk's dashboards: add, never rename.
#pragma once

#include "station_status.h"

#include <string>

namespace lectern {

class HttpServer;

void add_metrics_routes(HttpServer& server, const StatusBoard& board);

std::string metrics_text(const StationStatus& status);

}  // namespace lectern
