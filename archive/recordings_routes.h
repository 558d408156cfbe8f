// The staff page's routes on the one embedded HTTP server (server/): the catalog as JSON
// (/api/v1/recordings, paginated and filtered), one recording, its sidecar, its media with HTTP
// Range (seeking in the browser's player, resumable downloads), and the session login. Every
// route but the login needs the staff password (StaffGate). Handlers run on the server's workers.
#pragma once

#include <string>

namespace lectern {

class Catalog;
class HttpServer;
class StaffGate;

// Registers the routes; catalog and gate must outlive the server. The catalog is synced with
// its folders at most every sync_seconds, on the worker that answers a list request.
void add_recordings_routes(HttpServer& server, Catalog& catalog, StaffGate& gate, int sync_seconds = 5);

}  // namespace lectern
