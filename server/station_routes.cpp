#include "station_routes.h"

#include "control_routes.h"
#include "health_routes.h"
#include "home_path.h"
#include "http_server.h"
#include "metrics_routes.h"
#include "secrets.h"
#include "status_routes.h"

#include <cstdio>

namespace lectern {

void add_station_routes(HttpServer& server, const StatusBoard& board, CommandInbox& inbox, const LecternConfig& config) {
    std::string token = Secrets::load(expand_home(config.upload.secrets_file)).get(config.web.api_token_secret).password;
    add_health_routes(server);
    add_status_routes(server, board);
    add_metrics_routes(server, board);
    add_control_routes(server, inbox, std::move(token));
    if (!serve_web_assets(server)) std::fprintf(stderr, "<4>lectern: web assets not found: only the API is served\n");
}

}  // namespace lectern
