// What the Recordings screen shows and does, on the app side: the archive-browse worker (search,
// catalog following, thumbnails), the copy to a USB stick, playback, and the textures all of them
// end up in. Frame thread only; the slow work happens on the workers, and this only takes their
// results (pixels to upload, snapshots to show) once per frame.
#pragma once

#include "drive_copier.h"
#include "lectern_config.h"
#include "playback_session.h"
#include "recordings_browser.h"
#include "rgba_texture.h"
#include "screens/recordings.h"

#include <deque>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace lectern {

class RecordingsDesk {
public:
    RecordingsDesk(const LecternConfig& config, BrowserSettings settings);
    // The kiosk's own catalog (`[archive] catalog_db`, following its folders, uploads and USB drives).
    static BrowserSettings kiosk_settings(const LecternConfig& config);
    // A catalog of one folder tree in a scratch file (screenshots of `--screen recordings --archive DIR`).
    static BrowserSettings folder_settings(const std::string& dir, const std::string& scratch_db);

    // Once per frame. `shown`: the Recordings screen is on (else playback stops and following pauses);
    // `recorder_busy`: a recording runs, so playback is refused.
    const RecordingsView& update(SDL_Renderer* renderer, bool shown, bool recorder_busy);
    void apply(const std::vector<RecordingsRequest>& requests, bool recorder_busy);
    bool playing() const { return player_ && !player_->paused(); }
    RecordingsBrowser& browser() { return *browser_; }
    // Every character the results use, for the fonts; the generation grows when new ones appear.
    const std::string& glyphs() const { return glyphs_; }
    uint64_t glyph_generation() const { return glyph_generation_; }

private:
    const Recording* find(int64_t id) const;
    void take_thumbnails(SDL_Renderer* renderer);
    void refresh_link(SDL_Renderer* renderer);
    void update_player(SDL_Renderer* renderer, bool shown, bool recorder_busy);
    void note_glyphs(const BrowserSnapshot& snapshot);

    LecternConfig config_;
    std::unique_ptr<RecordingsBrowser> browser_;
    DriveCopier copier_;
    std::shared_ptr<const BrowserSnapshot> snapshot_;
    std::map<std::string, RgbaTexture> thumbnails_;
    std::map<std::string, TextureView> thumbnail_views_;
    std::deque<std::string> thumbnail_order_;  // oldest first, for eviction
    int64_t selected_ = 0;
    uint64_t link_generation_ = 0;
    std::string qr_text_;
    RgbaTexture qr_;
    std::unique_ptr<PlaybackSession> player_;
    std::future<tl::expected<std::unique_ptr<PlaybackDecoder>, std::string>> opening_;  // the file opens off the frame
    RgbaTexture picture_;
    RecordingsView view_;
    std::set<unsigned> seen_;
    std::string glyphs_;
    uint64_t glyph_generation_ = 0;
};

}  // namespace lectern
