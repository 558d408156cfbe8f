// Export: copies a selection of recordings to a folder (a USB stick, a laptop's share), verifies
// every copy against its sidecar's SHA-256, and writes manifest.csv, manifest.json and an
// index.html that lists the talks with links, so the folder opens on any machine.
// A copy is written as "<name>.part" and renamed only once verified, so a stick pulled mid-copy
// never holds a partial file under a final name. Display-free; run it off the frame thread.
#pragma once

#include "recording.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lectern {

struct ExportProgress {
    int files_done = 0, files_total = 0;
    int64_t bytes_done = 0, bytes_total = 0;
    std::string current;   // the file being copied
    bool verifying = false;
};

struct ExportedRecording {
    Recording recording;
    std::string media_rel, sidecar_rel;   // relative to the export folder; "" when not copied
    bool verified = false;                // the copy's SHA-256 matches the sidecar
    std::string problem;                  // why not, in words
};

struct ExportReport {
    std::string folder;
    std::vector<ExportedRecording> recordings;
    int failed = 0;
    bool cancelled = false;
};

struct ExportOptions {
    std::string title = "Lectern recordings";   // heading of index.html
    std::function<void(const ExportProgress&)> progress = [](const ExportProgress&) {};
    const std::atomic<bool>* cancel = nullptr;  // set to stop after the current block
};

// Throws std::runtime_error when the folder cannot be created; per-file failures are in the report.
ExportReport export_recordings(const std::vector<Recording>& selection, const std::string& folder,
                               const ExportOptions& options = {});

// manifest.csv, manifest.json and index.html for a finished export (export_manifest.cpp).
void write_export_manifests(const ExportReport& report, const std::string& title);

}  // namespace lectern
