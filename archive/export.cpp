#include "export.h"

#include "sha256.h"
#include "upload_config.h"
#include "upload_target.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <stdexcept>

namespace fs = std::filesystem;

namespace lectern {
namespace {

bool is_date(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (size_t i = 0; i < d.size(); ++i)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) return false;
    return true;
}

// A recording without a sidecar still travels with one, saying where its checksum came from.
Sidecar sidecar_for(const Recording& r, const std::string& sha256) {
    if (!r.sidecar_path.empty() && r.problem.rfind("sidecar unreadable", 0) != 0) {
        return read_sidecar(r.sidecar_path);
    }
    Sidecar s;
    s.raw_json = nlohmann::json{{"schema", "lectern.recording/1"},
                                {"file", r.file},
                                {"title", r.title},
                                {"size_bytes", r.file_bytes},
                                {"sha256", sha256},
                                {"note", "exported without a usable sidecar; size and sha256 computed at export"}}
                     .dump(2);
    return s;
}

bool already_there(const fs::path& dest, const Recording& r, const std::string& sha256) {
    std::error_code ec;
    if (!fs::is_regular_file(dest, ec) || static_cast<int64_t>(fs::file_size(dest, ec)) != r.file_bytes) return false;
    return sha256_file(dest.string()) == sha256;
}

}  // namespace

ExportReport export_recordings(const std::vector<Recording>& selection, const std::string& folder,
                               const ExportOptions& options) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw std::runtime_error("cannot create the export folder " + folder + ": " + ec.message() +
                                     " (check the drive is mounted and writable)");
    ExportReport report;
    report.folder = fs::absolute(folder).lexically_normal().string();
    UploadTargetConfig target_config;
    target_config.name = "export";
    target_config.kind = "folder";
    target_config.path = report.folder;
    auto target = make_folder_target(target_config);

    ExportProgress progress;
    progress.files_total = static_cast<int>(selection.size());
    for (const auto& r : selection) progress.bytes_total += std::max<int64_t>(r.file_bytes, 0);
    for (const auto& r : selection) {
        if (options.cancel && options.cancel->load()) {
            report.cancelled = true;
            break;
        }
        ExportedRecording out{r, "", "", false, ""};
        const int64_t before = progress.bytes_done;
        progress.current = r.file;
        progress.verifying = false;
        options.progress(progress);
        try {
            if (r.file_bytes < 0) throw std::runtime_error("media file missing: " + r.media_path);
            const std::string key = (is_date(r.date) ? r.date : "undated") + "/" + fs::path(r.file).stem().string();
            const std::string ext = fs::path(r.file).extension().string();
            const std::string sha = r.sha256.empty() ? sha256_file(r.media_path) : r.sha256;
            out.media_rel = key + ext;
            out.sidecar_rel = key + ".json";
            if (!already_there(fs::path(report.folder) / out.media_rel, r, sha) ||
                !fs::exists(fs::path(report.folder) / out.sidecar_rel)) {
                UploadAttempt attempt;
                attempt.media_path = r.media_path;
                attempt.media_size = r.file_bytes;
                attempt.media_sha256 = sha;
                attempt.sidecar = sidecar_for(r, sha);
                attempt.remote_key = key;
                attempt.media_extension = ext;
                attempt.progress = [&](int64_t done) {
                    progress.bytes_done = before + done;
                    options.progress(progress);
                    return !(options.cancel && options.cancel->load());
                };
                attempt.verifying = [&] {
                    progress.verifying = true;
                    options.progress(progress);
                };
                if (auto result = target->upload(attempt); !result) throw std::runtime_error(result.error().message);
            }
            out.verified = true;
            if (!r.problem.empty()) out.problem = r.problem;
        } catch (const std::exception& e) {
            out.problem = r.problem.empty() ? e.what() : r.problem + "; " + e.what();
            out.media_rel.clear();
            out.sidecar_rel.clear();
            ++report.failed;
            if (options.cancel && options.cancel->load()) report.cancelled = true;
        }
        progress.bytes_done = before + std::max<int64_t>(r.file_bytes, 0);
        ++progress.files_done;
        options.progress(progress);
        report.recordings.push_back(std::move(out));
        if (report.cancelled) break;
    }
    write_export_manifests(report, options.title);
    return report;
}

}  // namespace lectern
