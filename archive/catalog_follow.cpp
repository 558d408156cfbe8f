// How every reader of the catalog (the CLI, the staff page, the kiosk's Recordings screen) brings it
// up to date before answering: the files first, then the upload states.
#include "catalog.h"

#include "lectern_config.h"

#include <filesystem>

namespace lectern {

ReindexReport bring_up_to_date(Catalog& catalog, const LecternConfig& config, bool files) {
    ReindexReport report;
    if (files) {
        report = catalog.sync();
        // A catalog that never saw a reindex starts from the kiosk's own folders.
        if (catalog.dirs().empty()) report = catalog.reindex(default_archive_dirs(config));
    }
    const std::string queue = expand_home(config.upload.queue_db);
    if (std::filesystem::exists(queue)) catalog.set_uploads(UploadQueue::open(queue)->view().jobs, config.upload);
    return report;
}

}  // namespace lectern
