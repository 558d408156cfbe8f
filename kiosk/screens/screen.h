// What every screen reads (a const snapshot of the state it shows) and what it may return: intents,
// applied by the controller after the frame. Screens call no worker, FFmpeg, curl or SQLite.
#pragma once

#include "agenda.h"
#include "live_session.h"
#include "recorder_view.h"
#include "session_controller.h"
#include "ui/fonts.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace lectern {

struct ScreenContext {
    const Agenda& agenda;
    TimePoint now;
    const ui::Fonts& fonts;
    ImVec2 size;                // the whole screen, in pixels
    int page_seconds = 12;      // how long a page shows when content does not fit
    std::vector<std::string> notices;  // problems to show as a banner on every screen (no CJK font)
    std::string room_id{};             // the room of the room and timer screens
    const LiveSession* live = nullptr;      // actual starts, stage message; null = follow the clock
    const RecorderView* recorder = nullptr; // null = no recorder in this kiosk
    TimerThresholds thresholds{};
    std::string agenda_badge{};             // "programme as of 10:42 — offline 25 min", or "" when fresh
    std::string agenda_problem{};           // why the last agenda (re)load failed: on the console only

    const Room* room() const;          // room_id's room, or the first one
    const LiveSession& live_session() const;
};

enum class IntentKind {
    OpenOperator,  // the hidden long-press that asks for the PIN
    SubmitPin,     // text = the PIN typed
    CancelPin,
    LockConsole,
    Run,           // command = what the technician asked for
    RetryUpload,   // upload_id
    PauseUpload,
    CancelUpload,
    OpenRecordings,   // the console's Recordings button
    CloseRecordings,  // back from the Recordings screen to the console
};

struct Intent {
    IntentKind kind;
    Command command{CommandKind::Start};
    std::string text{};
    long long upload_id = 0;
};

}  // namespace lectern
