// The Recordings screen on the operator console (behind the PIN, never on a public screen): search
// the catalog, see each recording with its thumbnail, speakers, room, time, length, size and upload
// state per target; play one, copy it to a USB stick, show its link as a QR code. Draws from a
// RecordingsView the shell fills from the desk's workers; returns what the technician asked for.
#pragma once

#include "drive_copier.h"
#include "recording.h"
#include "removable_drives.h"
#include "screen.h"
#include "ui/draw.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lectern {

struct TextureView {
    ImTextureID texture = nullptr;
    int width = 0, height = 0;
};

struct PlayerView {
    enum class State { Closed, Refused, Loading, Playing, Paused, Ended, Failed };
    State state = State::Closed;
    int64_t recording = 0;        // the catalog id being played
    std::string message;          // why it was refused or failed, or "no sound device"
    TextureView picture;
    double position = 0, duration = 0;  // seconds
};

struct RecordingsView {
    std::string answered;                      // the search text the results are for
    const std::vector<Recording>* results = nullptr;
    int64_t total = 0;
    std::string problem;                       // the catalog's, in words
    const std::map<std::string, TextureView>* thumbnails = nullptr;  // by media path
    std::vector<RemovableDrive> drives;
    DriveCopyStatus copy;
    PlayerView player;
    TextureView qr;                            // the selected recording's link, or empty
    std::string link, link_where;              // the link's text and where it leads ("" = none)
    bool recording_now = false;                // the recorder is recording: playback is refused
};

struct RecordingsRequest {
    enum class Kind { Search, Select, Play, Pause, Seek, ClosePlayer, CopyToDrive, CancelCopy };
    Kind kind = Kind::Search;
    std::string text;          // Search: the words; CopyToDrive: the drive's mount point
    int64_t recording = 0;     // Select, Play, CopyToDrive
    double seconds = 0;        // Seek
};

struct RecordingsUi {
    std::string query;
    std::optional<std::string> sent;  // the last text asked for
    bool keyboard = false;
    int64_t selected = 0;             // catalog id; 0 = the first result
    int64_t reported = 0;             // the selection the desk was told of
    int page = 0;
    bool choosing_drive = false;
};

// Intents: CloseRecordings (back to the console) and LockConsole; the screen's own requests go to `out`.
std::vector<Intent> draw_recordings(const ScreenContext& ctx, const RecordingsView& view, RecordingsUi& ui,
                                    std::vector<RecordingsRequest>& out);

// The right-hand pane: player, copy to USB, QR code (recordings_detail.cpp).
void draw_recording_detail(const ScreenContext& ctx, const RecordingsView& view, const Recording& r, RecordingsUi& ui,
                           const ui::Rect& area, std::vector<RecordingsRequest>& out);

// "1 h 02 min", "14 min", "45 s"; "1.2 GB", "350 MB".
std::string duration_words(double seconds);
std::string size_words(int64_t bytes);

}  // namespace lectern
