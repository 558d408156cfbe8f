// The persistent upload queue: one job per (recording, target) in SQLite, so that a kill -9, a
// power cut or a reboot loses neither a queued recording nor the progress of a resumable upload.
// Several processes may open the same file (the kiosk and `lectern uploads retry`): every change
// of a job's state is one SQL statement whose WHERE says from which states it may happen, so no
// check-then-update race exists; a job is owned through an OwnerLock (never a PID).
#pragma once

#include "c_deleter.h"
#include "owner_lock.h"
#include "upload_job.h"

#include <sqlite3.h>
#include <tl/expected.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lectern {

using SqliteDb = std::unique_ptr<sqlite3, CDeleter<sqlite3_close_v2>>;
using SqliteStatement = std::unique_ptr<sqlite3_stmt, CDeleter<sqlite3_finalize>>;

// Opens (creating it and its folder) the SQLite file at db_path, shared by threads and processes
// that wait busy_ms for each other's writes. Throws naming `what`, the path and the fix.
SqliteDb open_sqlite(const std::string& db_path, const std::string& what, int busy_ms);

// What a worker needs to run one job.
struct UploadJob {
    int64_t id = 0;
    std::string media_path;
    std::string sidecar_path;
    std::string target;
    std::string remote_key;
    JobState state = JobState::Queued;
    int64_t bytes_done = 0;
    int64_t bytes_total = 0;
    int attempts = 0;
    std::string resume;        // target-specific JSON (S3 upload id + parts, tus URL); "" = none
    bool local_verified = false;  // media matched the sidecar's SHA-256 on an earlier attempt
};

class UploadQueue {
public:
    // Opens or creates the queue; throws std::runtime_error naming the file and what to check.
    static std::unique_ptr<UploadQueue> open(const std::string& db_path);

    // One job per target name; a (media, target) pair already queued is not queued twice.
    // Returns the ids of new jobs.
    std::vector<int64_t> enqueue(const std::string& media_path, const std::string& sidecar_path,
                                 const std::vector<std::pair<std::string, std::string>>& target_and_key);

    UploadQueueView view();
    std::optional<UploadJob> job(int64_t id);
    std::vector<UploadAttemptRecord> history(int64_t id);

    // Technician actions. The error says why, in words for the panel, when the job is unknown or
    // the action does not apply (e.g. retrying a finished job).
    tl::expected<void, std::string> retry(int64_t id);
    tl::expected<void, std::string> pause(int64_t id);
    tl::expected<void, std::string> cancel(int64_t id);

    // --- worker side ---
    // Takes the oldest queued job whose next attempt is due; marks it uploading, owned by this
    // queue's OwnerLock. Jobs of owners that ended are queued again first.
    std::optional<UploadJob> claim_next(int64_t now_unix);
    // Jobs whose owner ended (kill -9, power cut, a crash) go back to the queue; returns how many.
    int requeue_orphans();
    // Current state as another process may have changed it (pause/cancel during an upload).
    JobState state_of(int64_t id);
    // The owner's updates; false when this queue no longer owns the job (then stop working on it).
    bool set_progress(int64_t id, int64_t done, int64_t total, double bytes_per_s);
    bool mark_verifying(int64_t id);
    void set_resume(int64_t id, const std::string& resume_json);
    void set_local_verified(int64_t id);
    // The target took another remote name (the wanted one holds a different file).
    void set_remote_key(int64_t id, const std::string& key);
    // How the target verified the upload; recorded before the attempt ends as done.
    void set_verified(int64_t id, VerifyGrade grade);
    // The attempt's outcome; a pause or cancel that came meanwhile wins over anything but done.
    void finish_attempt(int64_t id, JobState state, const std::string& error, int64_t next_attempt_unix);
    // The jobs this process may still work on (queued, or uploading/verifying by this queue; not
    // those a live uploader elsewhere owns) and the earliest due time.
    int pending(int64_t* earliest_due_unix = nullptr);
    // Local media retention may delete: every job for it is done and verified at checksum grade.
    std::vector<std::string> verified_media();
    bool all_jobs_verified_for(const std::string& media_path);
    // Media whose jobs are all done but not all at checksum grade, with the targets that verified
    // less, in words ("nas (size), opencast (accepted)"): retention keeps these.
    std::vector<std::pair<std::string, std::string>> weakly_verified_media();

    const std::string& path() const { return path_; }

private:
    UploadQueue(SqliteDb db, std::string path) : db_(std::move(db)), path_(std::move(path)), owner_(path_) {}
    SqliteStatement prepare(const char* sql);
    void exec(const char* sql);
    void log_attempt(int64_t id, const std::string& outcome, const std::string& message);
    // One technician's transition (?1 = now, ?2 = the job id); true when it changed the job.
    bool transition(const char* sql, int64_t id);
    // One owner's update of a column (?1 = value, ?2 = now, ?3 = the job id, ?4 = the owner).
    bool owner_sets(const char* sql, int64_t id, const std::string& value);

    std::mutex mutex_;  // one connection shared by the worker threads of this process
    SqliteDb db_;
    std::string path_;
    OwnerLock owner_;
};

}  // namespace lectern
