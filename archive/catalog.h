// The catalog: a SQLite index of recordings, rebuilt from sidecars (the truth) and kept in step
// with the recorder's folders and the upload queue. Safe to share between threads (one connection
// behind a mutex; every call is one short statement or transaction). Display-free.
#pragma once

#include "recording.h"
#include "upload_queue.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lectern {

struct UploadConfig;

// What staff search for. Every field given must match; words match anywhere in the field,
// ignoring case, spaces, hyphens and dots (the matching of "find my slot"), so "frank wong",
// "FrankWong" and "黄国强" find Frank Wong 黄国强.
struct ArchiveQuery {
    std::string text;              // words each found in speakers, title, room or event
    std::string speaker, title, room, event;
    std::string from, to;          // YYYY-MM-DD, inclusive; "" = open
    bool problems_only = false;
    std::string sort = "start";    // start | title | room | event | duration | size | speaker
    bool descending = false;
    int64_t limit = -1;            // -1 = all
    int64_t offset = 0;
};

struct ArchivePage {
    std::vector<Recording> recordings;
    int64_t total = 0;             // matches before limit/offset
};

struct ReindexReport {
    int64_t recordings = 0;        // in the catalog afterwards
    int64_t read = 0;              // sidecars (or bare media files) read this time
    int64_t removed = 0;           // gone from the folders since the last sync
    int64_t duplicates = 0;        // the same file (SHA-256) found twice; the first is kept
    int64_t problems = 0;
    std::vector<std::string> warnings;  // folders that could not be read
};

class Catalog {
public:
    // Opens or creates; throws std::runtime_error naming the file and what to check.
    static std::unique_ptr<Catalog> open(const std::string& db_path);

    // Rebuilds from scratch: the catalog then holds exactly the recordings under dirs, and
    // remembers the dirs for sync().
    ReindexReport reindex(const std::vector<std::string>& dirs);
    // The same over the remembered dirs, reading only sidecars and media that changed since the
    // last sync (cheap when nothing did): how the kiosk, the CLI and the web page follow new
    // recordings. A folder that cannot be read (a NAS gone) keeps its rows and is named in warnings.
    ReindexReport sync();
    std::vector<std::string> dirs();

    // Replaces every recording's upload states with the queue's (matched by media file name).
    void set_uploads(const std::vector<UploadJobView>& jobs, const UploadConfig& config);

    ArchivePage search(const ArchiveQuery& query);
    std::optional<Recording> get(int64_t id);
    int64_t count();

    const std::string& path() const { return path_; }

private:
    Catalog(SqliteDb db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}
    ReindexReport update(const std::vector<std::string>& dirs, bool full);
    std::vector<std::string> dirs_locked();
    void exec(const char* sql);
    SqliteStatement prepare(const std::string& sql);
    void attach_uploads(std::vector<Recording>& recordings);

    std::mutex mutex_;
    SqliteDb db_;
    std::string path_;
};

// The folders a kiosk's recordings live in: the recorder's output folder and every folder target.
std::vector<std::string> default_archive_dirs(const struct LecternConfig& config);

// sync() (a catalog never reindexed starts from default_archive_dirs), then the upload states from
// the kiosk's queue; files=false does only the latter (catalog_follow.cpp).
ReindexReport bring_up_to_date(Catalog& catalog, const LecternConfig& config, bool files = true);

}  // namespace lectern
