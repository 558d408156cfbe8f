#include "archive_config.h"

#include "toml_reader.h"

namespace lectern {

void read_archive(TableReader r, ArchiveConfig& c) {
    c.catalog_db = r.text("catalog_db", c.catalog_db);
    c.staff_password_hash = r.text("staff_password_hash", c.staff_password_hash);
    if (!c.staff_password_hash.empty() && c.staff_password_hash.rfind("pbkdf2-sha256$", 0) != 0)
        r.problem("staff_password_hash", "is not a hash; run `lectern hash-pin --staff`, type the staff password and paste "
                                         "the line it prints (never the password itself)");
    c.page_url = r.text("page_url", c.page_url);
    r.finish();
}

}  // namespace lectern
