// The queue's database: opening it, adding jobs, and the reads for screens, the CLI and retention.
#include "upload_queue.h"

#include "queue_sql.h"

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

const char* to_string(VerifyGrade g) {
    switch (g) {
        case VerifyGrade::None: return "";
        case VerifyGrade::Accepted: return "accepted";
        case VerifyGrade::Size: return "size";
        case VerifyGrade::Checksum: return "checksum";
    }
    return "";
}

VerifyGrade verify_grade_from_string(const std::string& t) {
    for (VerifyGrade g : {VerifyGrade::Accepted, VerifyGrade::Size, VerifyGrade::Checksum})
        if (t == to_string(g)) return g;
    return VerifyGrade::None;
}

bool job_state_from_string(const std::string& t, JobState& out) {
    for (JobState s : {JobState::Queued, JobState::Uploading, JobState::Verifying, JobState::Done,
                       JobState::Failed, JobState::Paused, JobState::Cancelled})
        if (t == to_string(s)) { out = s; return true; }
    return false;
}

using namespace queue_sql;

namespace {

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
  owner TEXT NOT NULL DEFAULT '',
  verified TEXT NOT NULL DEFAULT '',
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

}  // namespace

SqliteDb open_sqlite(const std::string& db_path, const std::string& what, int busy_ms) {
    std::error_code ec;
    auto parent = std::filesystem::path(db_path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    SqliteDb db(raw);
    if (rc != SQLITE_OK)
        throw std::runtime_error("cannot open " + what + " " + db_path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory") +
                                 "; check that its folder exists and is writable");
    sqlite3_busy_timeout(raw, busy_ms);
    return db;
}

std::unique_ptr<UploadQueue> UploadQueue::open(const std::string& db_path) {
    // The CLI and the kiosk may write at the same moment; wait rather than fail.
    SqliteDb db = open_sqlite(db_path, "upload queue", 10000);
    std::unique_ptr<UploadQueue> q(new UploadQueue(std::move(db), db_path));
    // WAL lets the panel read while a worker writes. synchronous=FULL: writes are a few per second
    // at most, and a power cut right after "next speaker" must not lose the enqueued recording or
    // report an upload done that the disk never recorded; NORMAL would risk the last commits.
    q->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    q->exec(kSchema);
    // Columns added since the first queues: the owner (jobs owned through an OwnerLock; owner_pid
    // is no longer read) and the grade of verification.
    for (const char* column : {"owner", "verified"}) {
        sqlite3_stmt* probe = nullptr;
        std::string select = std::string("SELECT ") + column + " FROM jobs LIMIT 0";
        if (sqlite3_prepare_v2(q->db_.get(), select.c_str(), -1, &probe, nullptr) != SQLITE_OK)
            q->exec((std::string("ALTER TABLE jobs ADD COLUMN ") + column + " TEXT NOT NULL DEFAULT ''").c_str());
        sqlite3_finalize(probe);
    }
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
                      " next_attempt_at, last_error, verified FROM jobs ORDER BY id");
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
        j.verified = verify_grade_from_string(column_text(st.get(), 11));
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
                      " WHERE state='queued' OR (state IN ('uploading','verifying') AND owner=?)");
    sqlite3_bind_text(st.get(), 1, owner_.token().c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(st.get());
    if (earliest) *earliest = sqlite3_column_int64(st.get(), 1);
    return sqlite3_column_int(st.get(), 0);
}

bool UploadQueue::all_jobs_verified_for(const std::string& media) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT count(*) FROM jobs WHERE media_path=? AND (state!='done' OR verified!='checksum')");
    sqlite3_bind_text(st.get(), 1, media.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(st.get());
    return sqlite3_column_int(st.get(), 0) == 0;
}

std::vector<std::pair<std::string, std::string>> UploadQueue::weakly_verified_media() {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::string, std::string>> out;
    auto st = prepare("SELECT media_path, group_concat(target || ' (' || CASE verified WHEN '' THEN 'no grade' ELSE verified END || ')', ', ')"
                      " FROM jobs WHERE verified!='checksum' AND media_path IN"
                      " (SELECT media_path FROM jobs GROUP BY media_path HAVING sum(state!='done')=0)"
                      " GROUP BY media_path ORDER BY min(created_at)");
    while (sqlite3_step(st.get()) == SQLITE_ROW) out.emplace_back(column_text(st.get(), 0), column_text(st.get(), 1));
    return out;
}

std::vector<std::string> UploadQueue::verified_media() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    auto st = prepare("SELECT media_path FROM jobs GROUP BY media_path HAVING sum(state!='done' OR verified!='checksum')=0"
                      " ORDER BY min(created_at)");
    while (sqlite3_step(st.get()) == SQLITE_ROW) out.push_back(column_text(st.get(), 0));
    return out;
}

}  // namespace lectern
