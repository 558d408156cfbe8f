#include "drive_copy.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace lectern {

std::string drive_copy_folder(const std::string& mount_point) { return (std::filesystem::path(mount_point) / "Lectern").string(); }

DriveCopyReport copy_to_drive(const std::vector<Recording>& selection, const std::string& mount_point, const ExportOptions& options) {
    DriveCopyReport report;
    const std::string folder = drive_copy_folder(mount_point);
    try {
        report.copied = export_recordings(selection, folder, options);
    } catch (const std::exception& e) {
        report.problem = e.what();
        return report;
    }
    const size_t total = report.copied.recordings.size();
    if (report.copied.cancelled) {
        report.problem = "copy cancelled after " + std::to_string(total - report.copied.failed) + " of " +
                         std::to_string(selection.size()) + " recordings";
    } else if (report.copied.failed > 0) {
        for (const auto& r : report.copied.recordings)
            if (!r.verified) {
                report.problem = std::to_string(report.copied.failed) + " of " + std::to_string(total) + " not copied: " + r.problem;
                break;
            }
    }
    // Each copy was fsynced by the folder target; syncfs also flushes the manifests and every
    // directory entry, so that pulling the stick after the message loses nothing.
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const bool synced = fd >= 0 && ::syncfs(fd) == 0;
    const int err = errno;
    if (fd >= 0) ::close(fd);
    if (!synced && report.problem.empty())
        report.problem = "cannot flush " + mount_point + " (" + std::strerror(err) + "); wait a moment, then eject it from the desktop";
    report.safe_to_remove = synced && report.problem.empty();
    return report;
}

}  // namespace lectern
