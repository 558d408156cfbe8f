// The recordings archive's settings ([archive]): where the catalog lives and who may open the staff
// page. The staff password is stored only as a PBKDF2 hash (`lectern hash-pin` makes one), never
// the console PIN and never in clear.
#pragma once

#include <string>

namespace lectern {

class TableReader;

struct ArchiveConfig {
    std::string catalog_db = "~/Lectern/catalog.db";  // rebuilt from the sidecars at any time
    std::string staff_password_hash;  // "" = the staff page and /api/v1/recordings stay closed
    std::string page_url;             // how staff reach the page, e.g. "http://10.0.0.5:8080" (QR codes)
};

void read_archive(TableReader r, ArchiveConfig& c);

}  // namespace lectern
