// Times one upload through a Lectern target (transfer plus the target's remote check: WebDAV reads
// the copy back and hashes it, S3 compares the ETag it computed), as the worker runs it but without
// the queue and the local SHA-256 pass (done before the clock starts). Usage:
//   upload_bench webdav URL FILE            (user/password from LECTERN_SECRET_BENCH_USER/_PASSWORD)
//   upload_bench s3 URL BUCKET FILE PART_KIB
#include "secrets.h"
#include "sha256.h"
#include "sidecar.h"
#include "upload_config.h"
#include "upload_target.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include <unistd.h>

using namespace lectern;

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: upload_bench webdav URL FILE | s3 URL BUCKET FILE PART_KIB\n");
        return 2;
    }
    std::string kind = argv[1];
    UploadTargetConfig t;
    t.name = "bench";
    t.kind = kind;
    t.url = argv[2];
    std::string file;
    if (kind == "s3") {
        if (argc < 6) return 2;
        t.bucket = argv[3];
        file = argv[4];
        t.part_size_kib = std::stoll(argv[5]);
    } else {
        file = argv[3];
    }
    Secrets secrets;
    TargetSecret secret = secrets.get("bench");
    auto target = kind == "s3" ? make_s3_target(t, secret) : make_webdav_target(t, secret);
    UploadAttempt a;
    a.media_path = file;
    a.media_size = static_cast<int64_t>(std::filesystem::file_size(file));
    a.media_extension = ".bin";
    a.remote_key = "bench/lectern-" + std::to_string(::getpid());
    // The targets check the copy against it (WebDAV's read-back, S3's x-amz-meta-sha256).
    a.media_sha256 = sha256_file(file);
    a.sidecar.raw_json = "{}";
    auto start = std::chrono::steady_clock::now();
    UploadResult r = target->upload(a);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!r) {
        std::fprintf(stderr, "upload_bench: %s\n", r.error().message.c_str());
        return 1;
    }
    std::printf("%.3f\n", s);
    return 0;
}
