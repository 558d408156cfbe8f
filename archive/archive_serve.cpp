#include "archive_serve.h"

#include "catalog.h"
#include "health_routes.h"
#include "http_server.h"
#include "lectern_config.h"
#include "recordings_routes.h"
#include "staff_gate.h"
#include "upload_queue.h"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <filesystem>

namespace lectern {

int serve_archive_page(Catalog& catalog, const LecternConfig& config, const std::string& listen) {
    WebConfig web = config.web;
    if (!listen.empty()) web.listen = listen;
    if (web.listen.empty()) web.listen = "8080";
    if (config.archive.staff_password_hash.empty())
        std::fprintf(stderr, "the page stays closed until [archive] staff_password_hash is set (lectern hash-pin --staff)\n");
    // Block the signals before any thread starts, so that only sigwait below receives them.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);

    StaffGate gate(config.archive.staff_password_hash);
    HttpServer server(web);
    add_health_routes(server);
    // New recordings and upload states appear on the page within seconds.
    add_recordings_routes(server, catalog, gate, [&catalog, &config] { bring_up_to_date(catalog, config); });
    if (!serve_web_assets(server)) std::fprintf(stderr, "web assets not found: only the API is served\n");
    server.start();
    std::printf("staff page: http://%s:%d/recordings.html\n", server.host().c_str(), server.port());
    std::fflush(stdout);
    int signal = 0;
    sigwait(&stop, &signal);
    server.stop();
    return 0;
}

}  // namespace lectern
