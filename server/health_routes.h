// GET /healthz: the server answers, so the process lives. (/readyz, which asks whether the
// recorder could record now, comes with the status routes.)
#pragma once

namespace lectern {

class HttpServer;

void add_health_routes(HttpServer& server);

}  // namespace lectern
