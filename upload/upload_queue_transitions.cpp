// The queue's state changes: the technician's retry, pause and cancel, and a worker's claim,
// progress and outcome.
#include "queue_sql.h"
#include "upload_queue.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>

namespace lectern {

using namespace queue_sql;

namespace {
bool one_of(JobState s, std::initializer_list<JobState> set) {
    for (JobState x : set) if (s == x) return true;
    return false;
}
}  // namespace

tl::expected<void, std::string> UploadQueue::retry(int64_t id) {
    auto j = job(id);
    if (!j) return tl::unexpected("no upload job " + std::to_string(id) + "; see `lectern uploads list`");
    if (!one_of(j->state, {JobState::Failed, JobState::Paused, JobState::Cancelled, JobState::Queued})) {
        return tl::unexpected("job " + std::to_string(id) + " is " + to_string(j->state) + "; only failed, paused, cancelled or waiting jobs can be retried");
    }
    std::lock_guard lock(mutex_);
    // A retry by a person starts a fresh series of attempts, now.
    auto st = prepare("UPDATE jobs SET state='queued', attempts=0, next_attempt_at=0, last_error='', updated_at=? WHERE id=?");
    sqlite3_bind_int64(st.get(), 1, now_unix());
    sqlite3_bind_int64(st.get(), 2, id);
    sqlite3_step(st.get());
    log_attempt(id, "retry", "requested by technician");
    return {};
}

tl::expected<void, std::string> UploadQueue::pause(int64_t id) {
    auto j = job(id);
    if (!j) return tl::unexpected("no upload job " + std::to_string(id) + "; see `lectern uploads list`");
    if (!one_of(j->state, {JobState::Queued, JobState::Uploading, JobState::Failed})) {
        return tl::unexpected("job " + std::to_string(id) + " is " + to_string(j->state) + "; only queued, uploading or failed jobs can be paused");
    }
    set_state(id, JobState::Paused);
    return {};
}

tl::expected<void, std::string> UploadQueue::cancel(int64_t id) {
    auto j = job(id);
    if (!j) return tl::unexpected("no upload job " + std::to_string(id) + "; see `lectern uploads list`");
    if (j->state == JobState::Done) return tl::unexpected("job " + std::to_string(id) + " is already done");
    set_state(id, JobState::Cancelled);
    return {};
}

std::optional<UploadJob> UploadQueue::claim_next(int64_t now) {
    std::optional<int64_t> id;
    {
        std::lock_guard lock(mutex_);
        Transaction tx(db_.get(), path_);
        auto st = prepare("SELECT id FROM jobs WHERE state='queued' AND next_attempt_at<=? ORDER BY next_attempt_at, id LIMIT 1");
        sqlite3_bind_int64(st.get(), 1, now);
        if (sqlite3_step(st.get()) == SQLITE_ROW) {
            id = sqlite3_column_int64(st.get(), 0);
            auto up = prepare("UPDATE jobs SET state='uploading', owner_pid=?, attempts=attempts+1, bytes_per_s=0, updated_at=? WHERE id=?");
            sqlite3_bind_int64(up.get(), 1, getpid());
            sqlite3_bind_int64(up.get(), 2, now_unix());
            sqlite3_bind_int64(up.get(), 3, *id);
            sqlite3_step(up.get());
        }
        tx.commit();
    }
    if (!id) return std::nullopt;
    return job(*id);
}

int UploadQueue::requeue_orphans() {
    std::lock_guard lock(mutex_);
    std::vector<int64_t> orphans;
    auto st = prepare("SELECT id, owner_pid FROM jobs WHERE state IN ('uploading','verifying')");
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
        pid_t pid = static_cast<pid_t>(sqlite3_column_int64(st.get(), 1));
        if (pid <= 0 || (kill(pid, 0) != 0 && errno == ESRCH)) orphans.push_back(sqlite3_column_int64(st.get(), 0));
    }
    for (int64_t id : orphans) {
        auto up = prepare("UPDATE jobs SET state='queued', next_attempt_at=0, updated_at=? WHERE id=?");
        sqlite3_bind_int64(up.get(), 1, now_unix());
        sqlite3_bind_int64(up.get(), 2, id);
        sqlite3_step(up.get());
        log_attempt(id, "interrupted", "the uploading process stopped (crash, kill or power cut); resuming");
    }
    return static_cast<int>(orphans.size());
}

JobState UploadQueue::state_of(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT state FROM jobs WHERE id=?");
    sqlite3_bind_int64(st.get(), 1, id);
    return sqlite3_step(st.get()) == SQLITE_ROW ? column_state(st.get(), 0) : JobState::Cancelled;
}

void UploadQueue::set_progress(int64_t id, int64_t done, int64_t total, double bps) {
    std::lock_guard lock(mutex_);
    auto st = prepare("UPDATE jobs SET bytes_done=?, bytes_total=?, bytes_per_s=?, updated_at=? WHERE id=?");
    sqlite3_bind_int64(st.get(), 1, done);
    sqlite3_bind_int64(st.get(), 2, total);
    sqlite3_bind_double(st.get(), 3, bps);
    sqlite3_bind_int64(st.get(), 4, now_unix());
    sqlite3_bind_int64(st.get(), 5, id);
    sqlite3_step(st.get());
}

void UploadQueue::set_state(int64_t id, JobState state) {
    std::lock_guard lock(mutex_);
    auto st = prepare("UPDATE jobs SET state=?, updated_at=? WHERE id=?");
    sqlite3_bind_text(st.get(), 1, to_string(state), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st.get(), 2, now_unix());
    sqlite3_bind_int64(st.get(), 3, id);
    sqlite3_step(st.get());
}

void UploadQueue::set_resume(int64_t id, const std::string& resume) {
    std::lock_guard lock(mutex_);
    auto st = prepare("UPDATE jobs SET resume=?, updated_at=? WHERE id=?");
    sqlite3_bind_text(st.get(), 1, resume.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st.get(), 2, now_unix());
    sqlite3_bind_int64(st.get(), 3, id);
    sqlite3_step(st.get());
}

void UploadQueue::set_local_verified(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare("UPDATE jobs SET local_verified=1 WHERE id=?");
    sqlite3_bind_int64(st.get(), 1, id);
    sqlite3_step(st.get());
}

void UploadQueue::finish_attempt(int64_t id, JobState state, const std::string& error, int64_t next_attempt) {
    std::lock_guard lock(mutex_);
    Transaction tx(db_.get(), path_);
    // A pause or cancel that arrived during the attempt wins over the attempt's own outcome.
    auto cur = prepare("SELECT state FROM jobs WHERE id=?");
    sqlite3_bind_int64(cur.get(), 1, id);
    JobState now_state = sqlite3_step(cur.get()) == SQLITE_ROW ? column_state(cur.get(), 0) : JobState::Cancelled;
    if (state != JobState::Done && (now_state == JobState::Paused || now_state == JobState::Cancelled)) state = now_state;
    auto st = prepare("UPDATE jobs SET state=?, last_error=?, next_attempt_at=?, bytes_per_s=0, owner_pid=0, updated_at=?"
                      " , resume=CASE WHEN ?1='done' THEN '' ELSE resume END WHERE id=?");
    sqlite3_bind_text(st.get(), 1, to_string(state), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.get(), 2, error.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st.get(), 3, next_attempt);
    sqlite3_bind_int64(st.get(), 4, now_unix());
    sqlite3_bind_int64(st.get(), 5, id);
    sqlite3_step(st.get());
    log_attempt(id, to_string(state), error);
    tx.commit();
}

}  // namespace lectern
