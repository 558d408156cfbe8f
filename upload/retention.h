// Deleting local recordings after every target holds a verified copy: off unless keep_days or
// keep_free_gib is set. A recording with any job not done is never touched.
#pragma once

#include "upload_config.h"
#include "upload_queue.h"

namespace lectern {

// Returns the number of recordings deleted; their sidecars are kept.
int apply_retention(UploadQueue& queue, const UploadConfig& config);

}  // namespace lectern
