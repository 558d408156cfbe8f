#include "health_routes.h"

#include "http_server.h"

namespace lectern {

void add_health_routes(HttpServer& server) {
    server.get_immediate("/healthz", [](const WebRequest&, WebResponse& res) { reply(res, 200, "ok\n"); });
}

}  // namespace lectern
