// The SQLite helpers shared by the queue's files (reading columns, one transaction); internal to
// upload/.
#pragma once

#include "upload_job.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace lectern::queue_sql {

inline int64_t now_unix() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
}

inline std::string column_text(sqlite3_stmt* st, int i) {
    const unsigned char* t = sqlite3_column_text(st, i);
    return t ? reinterpret_cast<const char*>(t) : "";
}

inline JobState column_state(sqlite3_stmt* st, int i) {
    JobState s = JobState::Failed;
    job_state_from_string(column_text(st, i), s);
    return s;
}

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

}  // namespace lectern::queue_sql
