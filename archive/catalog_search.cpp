// The catalog's queries: search (filters, sort, pages) and single recordings, with upload states.
#include "catalog.h"

#include "agenda.h"
#include "catalog_sql.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace lectern {
namespace {

using namespace catalog_sql;

std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    for (char c : text + " ") {
        if (c == ' ' || c == '\t' || c == ',') {
            if (auto f = fold_for_search(word); !f.empty()) out.push_back(f);
            word.clear();
        } else {
            word += c;
        }
    }
    return out;
}

const char* sort_column(const std::string& sort) {
    if (sort == "title") return "title_fold";
    if (sort == "room") return "room_fold";
    if (sort == "event") return "event_fold";
    if (sort == "duration") return "duration";
    if (sort == "size") return "size";
    if (sort == "speaker") return "speakers_fold";
    if (sort == "start" || sort.empty()) return "start";
    throw std::invalid_argument("unknown sort \"" + sort + "\": use start, title, room, event, speaker, duration or size");
}

}  // namespace

void Catalog::attach_uploads(std::vector<Recording>& recordings) {
    auto st = prepare("SELECT target, state, location, error FROM uploads WHERE file = ? ORDER BY target");
    for (auto& r : recordings) {
        bind_text(st.get(), 1, r.file);
        while (sqlite3_step(st.get()) == SQLITE_ROW)
            r.uploads.push_back({text_at(st.get(), 0), text_at(st.get(), 1), text_at(st.get(), 2), text_at(st.get(), 3)});
        sqlite3_reset(st.get());
    }
}

ArchivePage Catalog::search(const ArchiveQuery& q) {
    std::string where = " WHERE 1";
    std::vector<std::string> args;
    auto contains = [&](const char* column, const std::string& value) {
        for (const auto& w : words_of(value)) {
            where += std::string(" AND instr(") + column + ", ?) > 0";
            args.push_back(w);
        }
    };
    contains("speakers_fold", q.speaker);
    contains("title_fold", q.title);
    contains("room_fold", q.room);
    contains("event_fold", q.event);
    contains("all_fold", q.text);
    if (!q.from.empty()) where += " AND date >= ?", args.push_back(q.from);
    if (!q.to.empty()) where += " AND date <> '' AND date <= ?", args.push_back(q.to);
    if (q.problems_only) where += " AND problem = 1";
    std::string order = std::string(" ORDER BY ") + sort_column(q.sort) + (q.descending ? " DESC" : "") + ", start, id";

    std::lock_guard lock(mutex_);
    ArchivePage page;
    auto run = [&](const std::string& sql, bool paged) {
        auto st = prepare(sql);
        int n = static_cast<int>(args.size());
        for (int i = 0; i < n; ++i) bind_text(st.get(), i + 1, args[i]);
        if (paged) sqlite3_bind_int64(st.get(), n + 1, q.limit), sqlite3_bind_int64(st.get(), n + 2, q.offset);
        return st;
    };
    // One scan gives the page and the total; a page past the end needs a count of its own.
    std::vector<int64_t> ids;
    auto st = run("SELECT id, count(*) OVER () FROM recordings" + where + order + " LIMIT ? OFFSET ?", true);
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
        ids.push_back(sqlite3_column_int64(st.get(), 0));
        page.total = sqlite3_column_int64(st.get(), 1);
    }
    if (ids.empty() && q.offset > 0) {
        auto count = run("SELECT count(*) FROM recordings" + where, false);
        if (sqlite3_step(count.get()) == SQLITE_ROW) page.total = sqlite3_column_int64(count.get(), 0);
    }
    auto details = prepare("SELECT data FROM details WHERE id = ?");
    for (int64_t id : ids) {
        sqlite3_bind_int64(details.get(), 1, id);
        if (sqlite3_step(details.get()) == SQLITE_ROW) {
            Recording r = recording_from_json(nlohmann::json::parse(text_at(details.get(), 0)));
            r.id = id;
            page.recordings.push_back(std::move(r));
        }
        sqlite3_reset(details.get());
    }
    attach_uploads(page.recordings);
    return page;
}

std::optional<Recording> Catalog::get(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT id, data FROM details WHERE id = ?");
    sqlite3_bind_int64(st.get(), 1, id);
    if (sqlite3_step(st.get()) != SQLITE_ROW) return std::nullopt;
    std::vector<Recording> one{recording_from_json(nlohmann::json::parse(text_at(st.get(), 1)))};
    one[0].id = id;
    attach_uploads(one);
    return one[0];
}

int64_t Catalog::count() {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT count(*) FROM recordings");
    return sqlite3_step(st.get()) == SQLITE_ROW ? sqlite3_column_int64(st.get(), 0) : 0;
}

}  // namespace lectern
