#include "upload_queue.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>

namespace lectern {

const char* to_string(JobState s) {
    switch (s) {
        case JobState::Queued: return "queued";
        case JobState::Uploading: return "uploading";
        case JobState::Verifying: return "verifying";
        case JobState::Done: return "done";
        case JobState::Failed: return "failed";
        case JobState::Paused: return "paused";
        case JobState::Cancelled: return "cancelled";
    }
    return "unknown";
}

bool job_state_from_string(const std::string& t, JobState& out) {
    for (JobState s : {JobState::Queued, JobState::Uploading, JobState::Verifying, JobState::Done,
                       JobState::Failed, JobState::Paused, JobState::Cancelled})
        if (t == to_string(s)) { out = s; return true; }
    return false;
}

namespace {

int64_t now_unix() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string column_text(sqlite3_stmt* st, int i) {
    const unsigned char* t = sqlite3_column_text(st, i);
    return t ? reinterpret_cast<const char*>(t) : "";
}

JobState column_state(sqlite3_stmt* st, int i) {
    JobState s = JobState::Failed;
    job_state_from_string(column_text(st, i), s);
    return s;
}

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS jobs(
  id INTEGER PRIMARY KEY,
  media_path TEXT NOT NULL,
  sidecar_path TEXT NOT NULL,
  target TEXT NOT NULL,
  remote_key TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued',
  bytes_done INTEGER NOT NULL DEFAULT 0,
  bytes_total INTEGER NOT NULL DEFAULT 0,
  bytes_per_s REAL NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  resume TEXT NOT NULL DEFAULT '',
  local_verified INTEGER NOT NULL DEFAULT 0,
  owner_pid INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE(media_path, target));
CREATE TABLE IF NOT EXISTS attempts(
  id INTEGER PRIMARY KEY,
  job_id INTEGER NOT NULL REFERENCES jobs(id),
  at INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '');
)sql";

// BEGIN IMMEDIATE … COMMIT; rolls back when left early (an exception), so the shared connection
// is never stuck inside a transaction.
class Transaction {
public:
    explicit Transaction(sqlite3* db, const std::string& path) : db_(db) {
        if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
            throw std::runtime_error("upload queue " + path + " is locked by another process (" + sqlite3_errmsg(db_) + "); will try again");
    }
    ~Transaction() { if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }
    void commit() {
        open_ = false;
        sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    }

private:
    sqlite3* db_;
    bool open_ = true;
};

}  // namespace

std::unique_ptr<UploadQueue> UploadQueue::open(const std::string& db_path) {
    std::error_code ec;
    auto parent = std::filesystem::path(db_path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    SqliteDb db(raw);
    if (rc != SQLITE_OK)
        throw std::runtime_error("cannot open upload queue " + db_path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory") +
                                 "; check that its folder exists and is writable");
    // The CLI and the kiosk may write at the same moment; wait rather than fail.
    sqlite3_busy_timeout(db.get(), 10000);
    std::unique_ptr<UploadQueue> q(new UploadQueue(std::move(db), db_path));
    // WAL lets the panel read while a worker writes. synchronous=FULL: writes are a few per second
    // at most, and a power cut right after "next speaker" must not lose the enqueued recording or
    // report an upload done that the disk never recorded; NORMAL would risk the last commits.
    q->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    q->exec(kSchema);
    return q;
}

void UploadQueue::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error("upload queue " + path_ + ": " + msg);
    }
}

SqliteStatement UploadQueue::prepare(const char* sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql, -1, &st, nullptr) != SQLITE_OK)
        throw std::runtime_error("upload queue " + path_ + ": " + sqlite3_errmsg(db_.get()));
    return SqliteStatement(st);
}

std::vector<int64_t> UploadQueue::enqueue(const std::string& media, const std::string& sidecar,
                                          const std::vector<std::pair<std::string, std::string>>& targets) {
    std::lock_guard lock(mutex_);
    std::vector<int64_t> ids;
    std::error_code ec;
    auto size = std::filesystem::file_size(media, ec);
    auto st = prepare("INSERT OR IGNORE INTO jobs(media_path, sidecar_path, target, remote_key, bytes_total, created_at, updated_at)"
                      " VALUES(?,?,?,?,?,?,?)");
    Transaction tx(db_.get(), path_);
    for (const auto& [target, key] : targets) {
        sqlite3_reset(st.get());
        sqlite3_bind_text(st.get(), 1, media.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st.get(), 2, sidecar.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st.get(), 3, target.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st.get(), 4, key.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st.get(), 5, ec ? 0 : static_cast<int64_t>(size));
        sqlite3_bind_int64(st.get(), 6, now_unix());
        sqlite3_bind_int64(st.get(), 7, now_unix());
        if (sqlite3_step(st.get()) != SQLITE_DONE)
            throw std::runtime_error("upload queue " + path_ + ": cannot add " + media + ": " + sqlite3_errmsg(db_.get()));
        if (sqlite3_changes(db_.get()) > 0) ids.push_back(sqlite3_last_insert_rowid(db_.get()));
    }
    tx.commit();
    return ids;
}

UploadQueueView UploadQueue::view() {
    std::lock_guard lock(mutex_);
    UploadQueueView v;
    auto st = prepare("SELECT id, media_path, target, remote_key, state, bytes_done, bytes_total, bytes_per_s, attempts,"
                      " next_attempt_at, last_error FROM jobs ORDER BY id");
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
        UploadJobView j;
        j.id = sqlite3_column_int64(st.get(), 0);
        j.file_name = std::filesystem::path(column_text(st.get(), 1)).filename().string();
        j.target = column_text(st.get(), 2);
        j.remote_key = column_text(st.get(), 3);
        j.state = column_state(st.get(), 4);
        j.bytes_done = sqlite3_column_int64(st.get(), 5);
        j.bytes_total = sqlite3_column_int64(st.get(), 6);
        j.bytes_per_s = j.state == JobState::Uploading ? sqlite3_column_double(st.get(), 7) : 0;
        j.attempts = sqlite3_column_int(st.get(), 8);
        j.next_attempt_unix = sqlite3_column_int64(st.get(), 9);
        j.last_error = column_text(st.get(), 10);
        if (j.bytes_per_s > 1 && j.bytes_total >= j.bytes_done)
            j.eta_s = static_cast<int64_t>((j.bytes_total - j.bytes_done) / j.bytes_per_s);
        v.jobs.push_back(std::move(j));
    }
    return v;
}

std::optional<UploadJob> UploadQueue::job(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT id, media_path, sidecar_path, target, remote_key, state, bytes_done, bytes_total, attempts,"
                      " resume, local_verified FROM jobs WHERE id=?");
    sqlite3_bind_int64(st.get(), 1, id);
    if (sqlite3_step(st.get()) != SQLITE_ROW) return std::nullopt;
    UploadJob j;
    j.id = sqlite3_column_int64(st.get(), 0);
    j.media_path = column_text(st.get(), 1);
    j.sidecar_path = column_text(st.get(), 2);
    j.target = column_text(st.get(), 3);
    j.remote_key = column_text(st.get(), 4);
    j.state = column_state(st.get(), 5);
    j.bytes_done = sqlite3_column_int64(st.get(), 6);
    j.bytes_total = sqlite3_column_int64(st.get(), 7);
    j.attempts = sqlite3_column_int(st.get(), 8);
    j.resume = column_text(st.get(), 9);
    j.local_verified = sqlite3_column_int(st.get(), 10) != 0;
    return j;
}

std::vector<UploadAttemptRecord> UploadQueue::history(int64_t id) {
    std::lock_guard lock(mutex_);
    std::vector<UploadAttemptRecord> out;
    auto st = prepare("SELECT at, outcome, message FROM attempts WHERE job_id=? ORDER BY id");
    sqlite3_bind_int64(st.get(), 1, id);
    while (sqlite3_step(st.get()) == SQLITE_ROW)
        out.push_back({sqlite3_column_int64(st.get(), 0), column_text(st.get(), 1), column_text(st.get(), 2)});
    return out;
}

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

void UploadQueue::log_attempt(int64_t id, const std::string& outcome, const std::string& message) {
    auto st = prepare("INSERT INTO attempts(job_id, at, outcome, message) VALUES(?,?,?,?)");
    sqlite3_bind_int64(st.get(), 1, id);
    sqlite3_bind_int64(st.get(), 2, now_unix());
    sqlite3_bind_text(st.get(), 3, outcome.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st.get(), 4, message.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(st.get());
}

int UploadQueue::pending(int64_t* earliest) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT count(*), min(CASE WHEN state='queued' THEN next_attempt_at END) FROM jobs"
                      " WHERE state IN ('queued','uploading','verifying')");
    sqlite3_step(st.get());
    if (earliest) *earliest = sqlite3_column_int64(st.get(), 1);
    return sqlite3_column_int(st.get(), 0);
}

bool UploadQueue::all_jobs_done_for(const std::string& media) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT count(*) FROM jobs WHERE media_path=? AND state!='done'");
    sqlite3_bind_text(st.get(), 1, media.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(st.get());
    return sqlite3_column_int(st.get(), 0) == 0;
}

std::vector<std::string> UploadQueue::verified_media() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    auto st = prepare("SELECT media_path FROM jobs GROUP BY media_path HAVING sum(state!='done')=0 ORDER BY min(created_at)");
    while (sqlite3_step(st.get()) == SQLITE_ROW) out.push_back(column_text(st.get(), 0));
    return out;
}

}  // namespace lectern
