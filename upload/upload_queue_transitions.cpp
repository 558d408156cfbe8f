// The queue's state changes: the technician's retry, pause and cancel, and a worker's claim,
// progress and outcome. Each is one SQL statement whose WHERE names the states it may leave, so a
// worker claiming a job between a check and an update cannot exist; a change that does not apply
// is explained afterwards from a fresh read.
#include "queue_sql.h"
#include "upload_queue.h"

namespace lectern {

using namespace queue_sql;

namespace {

std::string no_job(int64_t id) { return "no upload job " + std::to_string(id) + "; see `lectern uploads list`"; }

}  // namespace

bool UploadQueue::transition(const char* sql, int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare(sql);
    sqlite3_bind_int64(st.get(), 1, now_unix());
    sqlite3_bind_int64(st.get(), 2, id);
    return sqlite3_step(st.get()) == SQLITE_DONE && sqlite3_changes(db_.get()) == 1;
}

tl::expected<void, std::string> UploadQueue::retry(int64_t id) {
    requeue_orphans();  // a paused job whose uploader died has no one left to let go of it
    // A retry by a person starts a fresh series of attempts, now; never while an uploader still
    // holds the job (it was paused or cancelled mid-upload and is stopping).
    if (transition("UPDATE jobs SET state='queued', attempts=0, next_attempt_at=0, last_error='', updated_at=?1"
                   " WHERE id=?2 AND owner='' AND state IN ('failed','paused','cancelled','queued')", id)) {
        std::lock_guard lock(mutex_);
        log_attempt(id, "retry", "requested by technician");
        return {};
    }
    auto j = job(id);
    if (!j) return tl::unexpected(no_job(id));
    if (j->state == JobState::Paused || j->state == JobState::Cancelled)
        return tl::unexpected("job " + std::to_string(id) + " is still stopping its upload; try again in a moment");
    return tl::unexpected("job " + std::to_string(id) + " is " + to_string(j->state) +
                          "; only failed, paused, cancelled or waiting jobs can be retried");
}

tl::expected<void, std::string> UploadQueue::pause(int64_t id) {
    if (transition("UPDATE jobs SET state='paused', updated_at=?1 WHERE id=?2 AND state IN ('queued','uploading','failed')", id))
        return {};
    auto j = job(id);
    if (!j) return tl::unexpected(no_job(id));
    return tl::unexpected("job " + std::to_string(id) + " is " + to_string(j->state) + "; only queued, uploading or failed jobs can be paused");
}

tl::expected<void, std::string> UploadQueue::cancel(int64_t id) {
    if (transition("UPDATE jobs SET state='cancelled', updated_at=?1 WHERE id=?2 AND state!='done'", id)) return {};
    if (!job(id)) return tl::unexpected(no_job(id));
    return tl::unexpected("job " + std::to_string(id) + " is already done");
}

std::optional<UploadJob> UploadQueue::claim_next(int64_t now) {
    requeue_orphans();
    std::optional<int64_t> id;
    {
        std::lock_guard lock(mutex_);
        auto st = prepare("UPDATE jobs SET state='uploading', owner=?, attempts=attempts+1, bytes_per_s=0, updated_at=?"
                          " WHERE id=(SELECT id FROM jobs WHERE state='queued' AND next_attempt_at<=?"
                          " ORDER BY next_attempt_at, id LIMIT 1) AND state='queued' RETURNING id");
        sqlite3_bind_text(st.get(), 1, owner_.token().c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st.get(), 2, now_unix());
        sqlite3_bind_int64(st.get(), 3, now);
        if (sqlite3_step(st.get()) == SQLITE_ROW) id = sqlite3_column_int64(st.get(), 0);
    }
    if (!id) return std::nullopt;
    return job(*id);
}

int UploadQueue::requeue_orphans() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> owners;
    auto st = prepare("SELECT DISTINCT owner FROM jobs WHERE owner!=? AND (owner!='' OR state IN ('uploading','verifying'))");
    sqlite3_bind_text(st.get(), 1, owner_.token().c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st.get()) == SQLITE_ROW) owners.push_back(column_text(st.get(), 0));
    int requeued = 0;
    for (const std::string& owner : owners) {
        if (owner_.alive(owner)) continue;
        // Its uploads resume from the queue; its paused or cancelled jobs are free to be retried.
        auto up = prepare("UPDATE jobs SET state=CASE WHEN state IN ('uploading','verifying') THEN 'queued' ELSE state END,"
                          " next_attempt_at=0, owner='', updated_at=? WHERE owner=? AND (owner!='' OR state IN ('uploading','verifying'))"
                          " RETURNING id, state");
        sqlite3_bind_int64(up.get(), 1, now_unix());
        sqlite3_bind_text(up.get(), 2, owner.c_str(), -1, SQLITE_TRANSIENT);
        std::vector<int64_t> ids;
        while (sqlite3_step(up.get()) == SQLITE_ROW)
            if (column_text(up.get(), 1) == "queued") ids.push_back(sqlite3_column_int64(up.get(), 0));
        up.reset();
        for (int64_t id : ids) log_attempt(id, "interrupted", "the uploading process stopped (crash, kill or power cut); resuming");
        requeued += static_cast<int>(ids.size());
    }
    return requeued;
}

JobState UploadQueue::state_of(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT state FROM jobs WHERE id=?");
    sqlite3_bind_int64(st.get(), 1, id);
    return sqlite3_step(st.get()) == SQLITE_ROW ? column_state(st.get(), 0) : JobState::Cancelled;
}

bool UploadQueue::set_progress(int64_t id, int64_t done, int64_t total, double bps) {
    std::lock_guard lock(mutex_);
    auto st = prepare("UPDATE jobs SET bytes_done=?, bytes_total=?, bytes_per_s=?, updated_at=? WHERE id=? AND owner=?");
    sqlite3_bind_int64(st.get(), 1, done);
    sqlite3_bind_int64(st.get(), 2, total);
    sqlite3_bind_double(st.get(), 3, bps);
    sqlite3_bind_int64(st.get(), 4, now_unix());
    sqlite3_bind_int64(st.get(), 5, id);
    sqlite3_bind_text(st.get(), 6, owner_.token().c_str(), -1, SQLITE_TRANSIENT);
    return sqlite3_step(st.get()) == SQLITE_DONE && sqlite3_changes(db_.get()) == 1;
}

bool UploadQueue::mark_verifying(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare("UPDATE jobs SET state='verifying', updated_at=? WHERE id=? AND owner=? AND state='uploading'");
    sqlite3_bind_int64(st.get(), 1, now_unix());
    sqlite3_bind_int64(st.get(), 2, id);
    sqlite3_bind_text(st.get(), 3, owner_.token().c_str(), -1, SQLITE_TRANSIENT);
    return sqlite3_step(st.get()) == SQLITE_DONE && sqlite3_changes(db_.get()) == 1;
}

bool UploadQueue::owner_sets(const char* sql, int64_t id, const std::string& value) {
    std::lock_guard lock(mutex_);
    auto st = prepare(sql);
    sqlite3_bind_text(st.get(), 1, value.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st.get(), 2, now_unix());
    sqlite3_bind_int64(st.get(), 3, id);
    sqlite3_bind_text(st.get(), 4, owner_.token().c_str(), -1, SQLITE_TRANSIENT);
    return sqlite3_step(st.get()) == SQLITE_DONE && sqlite3_changes(db_.get()) == 1;
}

void UploadQueue::set_resume(int64_t id, const std::string& resume) {
    owner_sets("UPDATE jobs SET resume=?1, updated_at=?2 WHERE id=?3 AND owner=?4", id, resume);
}

void UploadQueue::set_local_verified(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare("UPDATE jobs SET local_verified=1 WHERE id=?");
    sqlite3_bind_int64(st.get(), 1, id);
    sqlite3_step(st.get());
}

void UploadQueue::set_remote_key(int64_t id, const std::string& key) {
    owner_sets("UPDATE jobs SET remote_key=?1, updated_at=?2 WHERE id=?3 AND owner=?4", id, key);
}

void UploadQueue::set_verified(int64_t id, VerifyGrade grade) {
    owner_sets("UPDATE jobs SET verified=?1, updated_at=?2 WHERE id=?3 AND owner=?4", id, to_string(grade));
}

void UploadQueue::finish_attempt(int64_t id, JobState state, const std::string& error, int64_t next_attempt) {
    std::lock_guard lock(mutex_);
    // Only the owner (or anyone, for a job no one holds) may end an attempt: a queue that lost the
    // job to another owner changes nothing. A pause or cancel that came meanwhile wins over
    // anything but done.
    auto st = prepare("UPDATE jobs SET state=CASE WHEN ?1!='done' AND state IN ('paused','cancelled') THEN state ELSE ?1 END,"
                      " last_error=?2, next_attempt_at=?3, bytes_per_s=0, owner='', updated_at=?4,"
                      " resume=CASE WHEN ?1='done' THEN '' ELSE resume END WHERE id=?5 AND owner IN (?6, '') RETURNING state");
    sqlite3_bind_text(st.get(), 1, to_string(state), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.get(), 2, error.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st.get(), 3, next_attempt);
    sqlite3_bind_int64(st.get(), 4, now_unix());
    sqlite3_bind_int64(st.get(), 5, id);
    sqlite3_bind_text(st.get(), 6, owner_.token().c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st.get()) != SQLITE_ROW) return;
    std::string outcome = column_text(st.get(), 0);
    st.reset();
    log_attempt(id, outcome, error);
}

}  // namespace lectern
