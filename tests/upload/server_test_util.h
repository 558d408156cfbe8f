// Shared steps of the server tests: a config with one target, running the queue to the end.
#pragma once

#include "test_servers.h"
#include "upload_queue.h"
#include "uploader.h"

#include <string>

namespace lectern::test {

inline UploadConfig one_target(UploadTargetConfig t) {
    UploadConfig c;
    c.targets = {std::move(t)};
    c.retry_initial_s = 0;
    c.max_attempts = 4;
    return c;
}

inline UploadJobView upload_once(const std::string& db, const UploadConfig& c, const Recording& rec, const Secrets& secrets) {
    auto q = UploadQueue::open(db);
    enqueue_recording(*q, c, rec.media, rec.sidecar);
    Uploader(*q, c, secrets).run_until_idle();
    return q->view().jobs.at(0);
}

// Writes a TOML config for `lectern-uploads` with one target given as TOML lines.
inline std::string write_config(const TempDir& dir, const std::string& name, const std::string& upload_keys,
                                const std::string& target_lines) {
    std::string file = dir / name;
    write_file(file, "[upload]\nqueue_db = \"" + dir / "q.db" + "\"\nretry_initial_s = 0\n" + upload_keys +
                         "\n[[upload.targets]]\n" + target_lines + "\n");
    return file;
}

inline int count_of(const std::string& text, const std::string& what) {
    int n = 0;
    for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
    return n;
}

}  // namespace lectern::test
