// Copy to a USB stick: the export (each copy written as ".part", read back against the sidecar's
// SHA-256, then renamed; manifests and index.html beside them) into "<drive>/Lectern", then the
// whole file system flushed with syncfs so "safe to remove" is true when it is shown.
// Display-free and slow: run it on a worker.
#pragma once

#include "export.h"

#include <string>
#include <vector>

namespace lectern {

struct DriveCopyReport {
    ExportReport copied;      // per recording: verified or the problem
    bool safe_to_remove = false;  // every copy verified and the drive's caches flushed
    std::string problem;      // "" or what went wrong as a sentence ("3 of 4 copied; …")
};

// The folder on the drive that copies go to.
std::string drive_copy_folder(const std::string& mount_point);

DriveCopyReport copy_to_drive(const std::vector<Recording>& selection, const std::string& mount_point,
                              const ExportOptions& options = {});

}  // namespace lectern
