#include "retention.h"

#include <filesystem>

namespace lectern {

int apply_retention(UploadQueue& queue, const UploadConfig& config) {
    namespace fs = std::filesystem;
    if (config.keep_days <= 0 && config.keep_free_gib <= 0) return 0;
    int deleted = 0;
    auto now = fs::file_time_type::clock::now();
    for (const std::string& media : queue.verified_media()) {  // oldest first
        std::error_code ec;
        if (!fs::exists(media, ec)) continue;
        // Re-checked here: another process may have queued the same file for a new target.
        if (!queue.all_jobs_done_for(media)) continue;
        bool old = config.keep_days > 0 &&
                   now - fs::last_write_time(media, ec) > std::chrono::hours(24) * config.keep_days;
        bool low = false;
        if (config.keep_free_gib > 0) {
            auto space = fs::space(fs::path(media).parent_path(), ec);
            low = !ec && space.available < static_cast<uintmax_t>(config.keep_free_gib) << 30;
        }
        if (!old && !low) continue;
        fs::remove(media, ec);
        // The sidecar stays: it is small and records what was recorded and where it went.
        if (!ec) ++deleted;
    }
    return deleted;
}

}  // namespace lectern
