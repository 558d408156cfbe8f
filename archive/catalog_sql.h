// Two SQLite helpers shared by the catalog's files (not part of the archive's interface).
#pragma once

#include <sqlite3.h>

#include <string>

namespace lectern::catalog_sql {

inline std::string text_at(sqlite3_stmt* st, int col) {
    auto p = sqlite3_column_text(st, col);
    return p ? reinterpret_cast<const char*>(p) : "";
}

inline void bind_text(sqlite3_stmt* st, int i, const std::string& v) {
    sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

}  // namespace lectern::catalog_sql
