#include "retention.h"

#include <filesystem>

namespace lectern {
namespace {

namespace fs = std::filesystem;

// Old enough (keep_days) or short of space (keep_free_gib) for retention to want it gone.
bool due(const std::string& media, const UploadConfig& config) {
    std::error_code ec;
    if (!fs::exists(media, ec)) return false;
    auto now = fs::file_time_type::clock::now();
    bool old = config.keep_days > 0 && now - fs::last_write_time(media, ec) > std::chrono::hours(24) * config.keep_days;
    bool low = false;
    if (config.keep_free_gib > 0) {
        auto space = fs::space(fs::path(media).parent_path(), ec);
        low = !ec && space.available < static_cast<uintmax_t>(config.keep_free_gib) << 30;
    }
    return old || low;
}

}  // namespace

int apply_retention(UploadQueue& queue, const UploadConfig& config, std::vector<std::string>* kept) {
    if (config.keep_days <= 0 && config.keep_free_gib <= 0) return 0;
    int deleted = 0;
    for (const std::string& media : queue.verified_media()) {  // oldest first
        // Re-checked here: another process may have queued the same file for a new target.
        if (!due(media, config) || !queue.all_jobs_verified_for(media)) continue;
        std::error_code ec;
        fs::remove(media, ec);
        // The sidecar stays: it is small and records what was recorded and where it went.
        if (!ec) ++deleted;
    }
    if (kept)
        for (const auto& [media, targets] : queue.weakly_verified_media())
            if (due(media, config))
                kept->push_back("keeping " + media + ": " + targets + " confirmed it without a checksum; retention deletes "
                                "a recording only after every target verified it by checksum (read back, or computed by the server)");
    return deleted;
}

}  // namespace lectern
