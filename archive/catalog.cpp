#include "catalog.h"

#include "agenda.h"
#include "catalog_sql.h"
#include "lectern_config.h"
#include "sidecar_scan.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <stdexcept>
#include <unordered_set>

namespace lectern {
namespace {

using namespace catalog_sql;

const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS recordings(
  id INTEGER PRIMARY KEY,
  media_path TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  stamp INTEGER NOT NULL,
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  start TEXT NOT NULL,
  date TEXT NOT NULL,
  title_fold TEXT NOT NULL,
  speakers_fold TEXT NOT NULL,
  room_fold TEXT NOT NULL,
  event_fold TEXT NOT NULL,
  all_fold TEXT NOT NULL,
  duration REAL NOT NULL,
  size INTEGER NOT NULL,
  problem INTEGER NOT NULL);
-- Covering every searched column, in start order: a search scans this narrow index, not the rows.
CREATE INDEX IF NOT EXISTS recordings_search ON recordings(start, date, problem, duration, size, speakers_fold,
  title_fold, room_fold, event_fold, all_fold);
CREATE INDEX IF NOT EXISTS recordings_file ON recordings(file);
CREATE INDEX IF NOT EXISTS recordings_sha256 ON recordings(sha256);
-- The full record apart from the searched columns, so a search scans a narrow table.
CREATE TABLE IF NOT EXISTS details(id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS uploads(
  file TEXT NOT NULL, target TEXT NOT NULL, state TEXT NOT NULL, location TEXT NOT NULL, error TEXT NOT NULL,
  PRIMARY KEY(file, target));
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)";

std::string speakers_fold(const Recording& r) {
    std::string out;
    for (const auto& s : r.speakers) out += fold_for_search(s.name) + "|" + fold_for_search(s.native_name) + "|";
    return out;
}

}  // namespace

std::unique_ptr<Catalog> Catalog::open(const std::string& db_path) {
    SqliteDb db = open_sqlite(db_path, "the recordings catalog", 5000);
    std::unique_ptr<Catalog> catalog(new Catalog(std::move(db), db_path));
    // The catalog can always be rebuilt from the sidecars, so it need not survive a power cut.
    catalog->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    catalog->exec(kSchema);
    return catalog;
}

void Catalog::exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw std::runtime_error("recordings catalog " + path_ + ": " + message +
                                 " (delete the file and run `lectern archive reindex`)");
    }
}

SqliteStatement Catalog::prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        throw std::runtime_error("recordings catalog " + path_ + ": " + sqlite3_errmsg(db_.get()));
    return SqliteStatement(st);
}

ReindexReport Catalog::reindex(const std::vector<std::string>& dirs) { return update(dirs, true); }

ReindexReport Catalog::sync() {
    std::vector<std::string> remembered;
    {
        std::lock_guard lock(mutex_);
        remembered = dirs_locked();
    }
    return update(remembered, false);
}

std::vector<std::string> Catalog::dirs() {
    std::lock_guard lock(mutex_);
    return dirs_locked();
}

std::vector<std::string> Catalog::dirs_locked() {
    auto st = prepare("SELECT value FROM meta WHERE key = 'dirs'");
    if (sqlite3_step(st.get()) != SQLITE_ROW) return {};
    return nlohmann::json::parse(text_at(st.get(), 0)).get<std::vector<std::string>>();
}

ReindexReport Catalog::update(const std::vector<std::string>& given_dirs, bool full) {
    std::vector<std::string> dirs;
    for (const auto& d : given_dirs) dirs.push_back(std::filesystem::absolute(d).lexically_normal().string());
    KnownSources known;
    if (!full) {
        std::lock_guard lock(mutex_);
        auto st = prepare("SELECT source, stamp, media_path FROM recordings");
        while (sqlite3_step(st.get()) == SQLITE_ROW)
            known[text_at(st.get(), 0)] = {sqlite3_column_int64(st.get(), 1), text_at(st.get(), 2)};
    }
    // Scan before the transaction: the folders may be slow (a NAS) and readers must not wait.
    ReindexReport report;
    std::vector<ScanResult> scans;
    bool all_read = true;
    for (const auto& dir : dirs) {
        try {
            scans.push_back(scan_recordings(dir, known));
        } catch (const std::exception& e) {
            if (full) throw;
            report.warnings.push_back(e.what());
            all_read = false;
        }
    }
    std::lock_guard lock(mutex_);
    exec("BEGIN IMMEDIATE");
    try {
        if (full) {
            exec("DELETE FROM recordings; DELETE FROM details;");
            auto remember = prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('dirs', ?)");
            bind_text(remember.get(), 1, nlohmann::json(dirs).dump());
            sqlite3_step(remember.get());
        }
        std::unordered_set<std::string> seen;
        for (const auto& scan : scans) seen.insert(scan.seen.begin(), scan.seen.end());
        // Rows of a folder that could not be read stay until it can be read again.
        if (!all_read)
            for (const auto& [source, _] : known) seen.insert(source);
        if (!full) {
            auto del = prepare("DELETE FROM recordings WHERE source = ?");
            for (const auto& [source, _] : known) {
                if (seen.count(source)) continue;
                bind_text(del.get(), 1, source);
                sqlite3_step(del.get());
                sqlite3_reset(del.get());
                ++report.removed;
            }
        }
        auto put = prepare(
            "INSERT INTO recordings(media_path, source, stamp, file, sha256, start, date, title_fold, speakers_fold,"
            " room_fold, event_fold, duration, size, problem, all_fold) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(media_path) DO UPDATE SET source=excluded.source, stamp=excluded.stamp, file=excluded.file,"
            " sha256=excluded.sha256, start=excluded.start, date=excluded.date, title_fold=excluded.title_fold,"
            " speakers_fold=excluded.speakers_fold, room_fold=excluded.room_fold, event_fold=excluded.event_fold,"
            " duration=excluded.duration, size=excluded.size, problem=excluded.problem, all_fold=excluded.all_fold RETURNING id");
        auto put_details = prepare("INSERT OR REPLACE INTO details(id, data) VALUES(?, ?)");
        auto twin = prepare("SELECT 1 FROM recordings WHERE sha256 = ? AND media_path <> ?");
        for (auto& scan : scans) {
            for (auto& r : scan.changed) {
                ++report.read;
                if (!r.sha256.empty()) {
                    bind_text(twin.get(), 1, r.sha256);
                    bind_text(twin.get(), 2, r.media_path);
                    bool duplicate = sqlite3_step(twin.get()) == SQLITE_ROW;
                    sqlite3_reset(twin.get());
                    if (duplicate) {
                        ++report.duplicates;
                        continue;
                    }
                }
                nlohmann::json data = to_json(r);
                data.erase("id");
                data.erase("uploads");
                bind_text(put.get(), 1, r.media_path);
                bind_text(put.get(), 2, source_of(r));
                sqlite3_bind_int64(put.get(), 3, r.stamp);
                bind_text(put.get(), 4, r.file);
                bind_text(put.get(), 5, r.sha256);
                bind_text(put.get(), 6, r.start());
                bind_text(put.get(), 7, r.date);
                bind_text(put.get(), 8, fold_for_search(r.title));
                bind_text(put.get(), 9, speakers_fold(r));
                bind_text(put.get(), 10, fold_for_search(r.room));
                bind_text(put.get(), 11, fold_for_search(r.event));
                sqlite3_bind_double(put.get(), 12, r.duration_s);
                sqlite3_bind_int64(put.get(), 13, r.file_bytes);
                sqlite3_bind_int(put.get(), 14, r.problem.empty() ? 0 : 1);
                bind_text(put.get(), 15, speakers_fold(r) + "|" + fold_for_search(r.title) + "|" +
                                             fold_for_search(r.room) + "|" + fold_for_search(r.event));
                if (sqlite3_step(put.get()) != SQLITE_ROW)
                    throw std::runtime_error("recordings catalog " + path_ + ": " + sqlite3_errmsg(db_.get()));
                sqlite3_bind_int64(put_details.get(), 1, sqlite3_column_int64(put.get(), 0));
                sqlite3_reset(put.get());
                bind_text(put_details.get(), 2, data.dump());
                sqlite3_step(put_details.get());
                sqlite3_reset(put_details.get());
            }
        }
        if (report.removed > 0) exec("DELETE FROM details WHERE id NOT IN (SELECT id FROM recordings)");
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    auto st = prepare("SELECT count(*), coalesce(sum(problem), 0) FROM recordings");
    if (sqlite3_step(st.get()) == SQLITE_ROW) {
        report.recordings = sqlite3_column_int64(st.get(), 0);
        report.problems = sqlite3_column_int64(st.get(), 1);
    }
    return report;
}

void Catalog::set_uploads(const std::vector<UploadJobView>& jobs, const UploadConfig& config) {
    std::lock_guard lock(mutex_);
    exec("BEGIN IMMEDIATE");
    try {
        exec("DELETE FROM uploads");
        auto put = prepare("INSERT OR REPLACE INTO uploads(file, target, state, location, error) VALUES(?,?,?,?,?)");
        for (const auto& job : jobs) {
            std::string location = job.remote_key;
            for (const auto& t : config.targets)
                if (t.name == job.target && t.kind == "folder")
                    location = (std::filesystem::path(expand_home(t.path)) / job.remote_key).string() +
                               std::filesystem::path(job.file_name).extension().string();
            bind_text(put.get(), 1, job.file_name);
            bind_text(put.get(), 2, job.target);
            bind_text(put.get(), 3, to_string(job.state));
            bind_text(put.get(), 4, location);
            bind_text(put.get(), 5, job.last_error);
            sqlite3_step(put.get());
            sqlite3_reset(put.get());
        }
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

std::vector<std::string> default_archive_dirs(const LecternConfig& config) {
    std::vector<std::string> dirs{resolved_output_dir(config.media)};
    for (const auto& t : config.upload.targets)
        if (t.kind == "folder") dirs.push_back(expand_home(t.path));
    std::vector<std::string> existing;
    for (const auto& d : dirs)
        if (std::filesystem::is_directory(d)) existing.push_back(d);
    return existing;
}

}  // namespace lectern
