// `lectern archive serve`: the staff page on its own (a headless recorder, a laptop with a copy of
// the recordings), on the one embedded HTTP server. Runs until SIGINT or SIGTERM.
#pragma once

#include <string>

namespace lectern {

class Catalog;
struct LecternConfig;

// listen overrides [web] listen ("" = the config's, else "8080"). Prints the page's address.
int serve_archive_page(Catalog& catalog, const LecternConfig& config, const std::string& listen);

}  // namespace lectern
