// Deleting local recordings after every target holds a verified copy: off unless keep_days or
// keep_free_gib is set. A recording with any job not done, or done but verified by less than a
// checksum (size only, or the server's word), is never touched: it is kept and the reason said.
#pragma once

#include "upload_config.h"
#include "upload_queue.h"

#include <string>
#include <vector>

namespace lectern {

// Returns the number of recordings deleted; their sidecars are kept. `kept` (when given) receives
// one line per recording retention would have deleted but kept for a weak verification.
int apply_retention(UploadQueue& queue, const UploadConfig& config, std::vector<std::string>* kept = nullptr);

}  // namespace lectern
