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

// The local archive (a folder target) at `archive`, retried at once, twice at most.
inline UploadConfig folder_config(const std::string& archive) {
    UploadConfig c;
    c.targets[0].path = archive;
    c.retry_initial_s = 0;
    c.max_attempts = 2;
    return c;
}

// An HTTP target on 127.0.0.1 (plain http: a password may go there).
inline UploadTargetConfig local_target(const std::string& name, const std::string& kind, const std::string& url) {
    UploadTargetConfig t;
    t.name = name;
    t.kind = kind;
    t.url = url;
    t.allow_insecure_http = true;
    return t;
}

inline Secrets one_secret(const std::string& name, const std::string& user, const std::string& password) {
    Secrets s;
    s.set(name, {user, password});
    return s;
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

// s3cmd, an independent S3 client, talking to s3rver directly.
inline std::vector<std::string> s3cmd(const S3Server& s3, std::vector<std::string> args) {
    std::string host = "127.0.0.1:" + std::to_string(s3.s3rver_port);
    std::vector<std::string> argv{"s3cmd", "--access_key=S3RVER", "--secret_key=S3RVER", "--host=" + host,
                                  "--host-bucket=" + host, "--no-ssl", "--config=/dev/null"};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

inline int count_of(const std::string& text, const std::string& what) {
    int n = 0;
    for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
    return n;
}

}  // namespace lectern::test
