// The values the upload part passes around: a job's state, a snapshot of the queue for screens and
// the CLI, and the error a target reports. No curl or SQLite types here, so screens can include it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lectern {

enum class JobState { Queued, Uploading, Verifying, Done, Failed, Paused, Cancelled };

const char* to_string(JobState state);
bool job_state_from_string(const std::string& text, JobState& out);

// How surely a destination holds the recording, weakest first. Checksum: the bytes were read back
// and hashed, or the server computed a checksum of what it received (S3's MD5 ETag). Size: only
// the size was confirmed. Accepted: the server took it and says so, but shows neither. Retention
// deletes a local copy only when every target verified it at Checksum grade.
enum class VerifyGrade { None, Accepted, Size, Checksum };

const char* to_string(VerifyGrade grade);  // "", "accepted", "size", "checksum"
VerifyGrade verify_grade_from_string(const std::string& text);

// One row of the uploads panel. Holds no secret: URLs are shown without user info.
struct UploadJobView {
    int64_t id = 0;
    std::string file_name;     // the recording's file name, no folder
    std::string target;        // the target's configured name
    std::string remote_key;    // where it goes on the target
    JobState state = JobState::Queued;
    int64_t bytes_done = 0;
    int64_t bytes_total = 0;
    double bytes_per_s = 0;    // over the last seconds of transfer; 0 when idle
    int64_t eta_s = -1;        // -1 = unknown
    int attempts = 0;
    int64_t next_attempt_unix = 0;
    std::string last_error;    // plain words, what to do; empty when none
    VerifyGrade verified = VerifyGrade::None;  // for done jobs: how the target verified it
};

// One line of a job's history: an attempt's outcome, an interruption, a technician's retry.
struct UploadAttemptRecord {
    int64_t at_unix = 0;
    std::string outcome;   // done, queued (will retry), failed, paused, cancelled, interrupted, retry
    std::string message;
};

struct UploadQueueView {
    std::vector<UploadJobView> jobs;  // oldest first
};

// Why a target gave up on one attempt. retryable = a later attempt may succeed (network, 5xx).
struct UploadError {
    bool retryable = true;
    std::string message;
};

}  // namespace lectern
