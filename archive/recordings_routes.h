// The staff page's routes on the one embedded HTTP server (server/): the catalog as JSON
// (/api/v1/recordings, paginated and filtered), one recording, its sidecar, its media with HTTP
// Range (seeking in the browser's player, resumable downloads), and the session login. Every
// route but the login needs the staff password (StaffGate). Handlers run on the server's workers.
#pragma once

#include <functional>
#include <string>

namespace lectern {

class Catalog;
class HttpServer;
class StaffGate;

// Registers the routes; catalog and gate must outlive the server. `refresh` brings the catalog up
// to date (its folders, the upload queue); it runs at most every refresh_seconds, on the worker
// that answers a list request. Empty = catalog.sync().
void add_recordings_routes(HttpServer& server, Catalog& catalog, StaffGate& gate,
                           std::function<void()> refresh = {}, int refresh_seconds = 5);

}  // namespace lectern
