// The kiosk's Recordings screen's worker ("archive-browse"): runs catalog searches, follows the
// folders and the upload queue while the screen is open, and decodes a thumbnail for each result,
// all off the frame thread and at a lower CPU priority than the recorder. The frame thread hands it
// the search text and takes back a snapshot and ready thumbnails (RGBA), never waiting on it.
// Display-free.
#pragma once

#include "catalog.h"
#include "removable_drives.h"
#include "thumbnail.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace lectern {

struct BrowserSnapshot {
    std::string query;               // the text these results answer
    std::vector<Recording> results;  // newest first, at most BrowserSettings::limit
    int64_t total = 0;               // matches in the catalog
    std::string problem;             // the catalog could not be opened or read; "" when fine
    std::vector<RemovableDrive> drives;  // USB sticks to copy to, as of the last follow
    uint64_t generation = 0;         // grows with every snapshot
};

struct ReadyThumbnail {
    std::string media_path;
    Thumbnail picture;   // empty when it could not be made
    std::string error;
};

struct BrowserSettings {
    // Run on the worker: opening may be slow (a first reindex), following reads the disk.
    std::function<std::unique_ptr<Catalog>()> open_catalog;
    std::function<void(Catalog&)> follow = [](Catalog& c) { c.sync(); };  // new files, upload states
    std::function<std::vector<RemovableDrive>()> list_drives;  // with each follow; none = no drives
    std::chrono::milliseconds follow_every{5000};  // while the screen is open
    int64_t limit = 100;
    int thumbnail_width = 320;
    double thumbnail_at_seconds = 3.0;
    bool low_priority = true;  // nice the worker so a recording never competes with it
};

class RecordingsBrowser {
public:
    explicit RecordingsBrowser(BrowserSettings settings);
    ~RecordingsBrowser();
    RecordingsBrowser(const RecordingsBrowser&) = delete;
    RecordingsBrowser& operator=(const RecordingsBrowser&) = delete;

    // Frame thread. The latest text wins; an unchanged text costs nothing.
    void search(const std::string& text);
    // While active the catalog follows the folders every follow_every (and once at once).
    void set_active(bool active);
    std::shared_ptr<const BrowserSnapshot> snapshot() const;
    std::vector<ReadyThumbnail> take_thumbnails();
    // Frees a thumbnail's "already made" mark, e.g. after the kiosk dropped its texture.
    void forget_thumbnail(const std::string& media_path);

    // Tests and screenshots: waits until the snapshot answers `text` and every result has its
    // thumbnail taken or ready, or the deadline passes. Returns whether it did.
    bool wait_settled(const std::string& text, std::chrono::milliseconds deadline);

private:
    void run();
    void publish(BrowserSnapshot next);
    std::string next_thumbnail_locked();

    BrowserSettings settings_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable settled_;
    std::string wanted_query_;
    bool query_dirty_ = true;
    bool active_ = false;
    bool follow_now_ = false;
    bool stop_ = false;
    bool decoding_ = false;
    std::vector<RemovableDrive> drives_;  // worker's
    std::shared_ptr<const BrowserSnapshot> snapshot_;
    std::vector<ReadyThumbnail> ready_;
    std::set<std::string> thumbnailed_;   // made (or failed) once: never decoded again
    std::thread thread_;
};

}  // namespace lectern
