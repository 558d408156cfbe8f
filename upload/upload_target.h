// The one small interface every destination implements (folder, WebDAV, S3, tus, Opencast), and
// the context a worker hands to it: the file, its sidecar, the remote key, progress and resume.
#pragma once

#include "sidecar.h"
#include "upload_job.h"

#include <tl/expected.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace lectern {

class RateLimiter;
struct UploadTargetConfig;
struct TargetSecret;

// Everything one attempt needs. Callbacks are called on the worker's thread.
struct UploadAttempt {
    std::string media_path;
    int64_t media_size = 0;
    std::string media_sha256;      // verified against the sidecar before the target is called
    Sidecar sidecar;
    std::string remote_key;        // without extension; the target adds ".<ext>" and ".json"
    std::string media_extension;   // e.g. ".mkv"
    std::string resume;            // what save_resume stored on an earlier attempt; "" = none
    VerifyGrade grade = VerifyGrade::None;  // how the target verified the upload; set before success
    RateLimiter* limiter = nullptr;
    // Bytes of the media confirmed or in flight; returns false when the job was paused or cancelled.
    std::function<bool(int64_t done)> progress = [](int64_t) { return true; };
    std::function<void(const std::string&)> save_resume = [](const std::string&) {};
    std::function<void()> verifying = [] {};   // the upload is sent, verification begins
    // The target took another remote name (the wanted one holds a different file): remember it.
    std::function<void(const std::string&)> rename = [](const std::string&) {};
    // True once the technician cancelled the job: a target may then drop partial remote state.
    std::function<bool()> cancelled = [] { return false; };
};

using UploadResult = tl::expected<void, UploadError>;

class UploadTarget {
public:
    virtual ~UploadTarget() = default;
    // Sends media and sidecar, then verifies the media at the destination and sets attempt.grade
    // to how surely it did (upload_job.h). Success means verified at that grade; retention deletes
    // local copies only after VerifyGrade::Checksum.
    virtual UploadResult upload(UploadAttempt& attempt) = 0;
};

// Builds the target for a configuration; the secret comes from secrets.h, never from the config.
std::unique_ptr<UploadTarget> make_folder_target(const UploadTargetConfig& config);
std::unique_ptr<UploadTarget> make_webdav_target(const UploadTargetConfig& config, const TargetSecret& secret);
std::unique_ptr<UploadTarget> make_s3_target(const UploadTargetConfig& config, const TargetSecret& secret);
std::unique_ptr<UploadTarget> make_tus_target(const UploadTargetConfig& config, const TargetSecret& secret);
std::unique_ptr<UploadTarget> make_opencast_target(const UploadTargetConfig& config, const TargetSecret& secret);

}  // namespace lectern
