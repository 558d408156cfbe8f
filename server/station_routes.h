// Everything a recording station serves on the one embedded server, registered in one call by the
// kiosk and by `lectern run --headless`: /healthz, /readyz, /api/v1/status, /api/v1/preview.jpg,
// /metrics, remote control (token from the secrets store) and the web page's files.
#pragma once

#include "command_inbox.h"
#include "lectern_config.h"
#include "station_status.h"

namespace lectern {

class HttpServer;

// board and inbox must outlive the server. The API token is read here once and never printed;
// a secrets file readable by others throws (upload/secrets.h says which chmod).
void add_station_routes(HttpServer& server, const StatusBoard& board, CommandInbox& inbox, const LecternConfig& config);

}  // namespace lectern
