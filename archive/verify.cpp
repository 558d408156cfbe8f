#include "verify.h"

#include "sha256.h"

#include <filesystem>

namespace lectern {

const char* to_string(VerifyOutcome outcome) {
    switch (outcome) {
        case VerifyOutcome::Ok: return "ok";
        case VerifyOutcome::Missing: return "missing";
        case VerifyOutcome::Changed: return "changed";
        case VerifyOutcome::Unverified: return "unverified";
    }
    return "unverified";
}

VerifyResult verify_recording(const Recording& r) {
    VerifyResult out;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(r.media_path, ec)) {
        out.outcome = VerifyOutcome::Missing;
        out.detail = "media file missing: " + r.media_path + " (restore it from an upload target)";
        return out;
    }
    try {
        out.sha256 = sha256_file(r.media_path);
    } catch (const std::exception& e) {
        out.outcome = VerifyOutcome::Missing;
        out.detail = e.what();
        return out;
    }
    if (r.sidecar_path.empty() || r.sha256.empty()) {
        out.outcome = VerifyOutcome::Unverified;
        out.detail = r.problem.empty() ? "the sidecar gives no sha256 to compare with" : r.problem;
        return out;
    }
    auto size = static_cast<int64_t>(std::filesystem::file_size(r.media_path, ec));
    if (out.sha256 != r.sha256 || (r.size_bytes >= 0 && size != r.size_bytes)) {
        out.outcome = VerifyOutcome::Changed;
        out.detail = "differs from its sidecar (sha256 " + out.sha256 + ", " + std::to_string(size) +
                     " bytes; sidecar: " + r.sha256 + ", " + std::to_string(r.size_bytes) +
                     " bytes): take the copy from an upload target";
        return out;
    }
    out.outcome = VerifyOutcome::Ok;
    return out;
}

}  // namespace lectern
