// Read-only routes over the StatusBoard: GET /readyz, GET /api/v1/status (JSON), GET
// /api/v1/preview.jpg (the latest preview frame as JPEG). No secret is in a StationStatus.
#pragma once

#include "station_status.h"

#include <nlohmann/json_fwd.hpp>

namespace lectern {

class HttpServer;

void add_status_routes(HttpServer& server, const StatusBoard& board);

nlohmann::json status_json(const StationStatus& status);

}  // namespace lectern
