// The kiosk between frames: which screen shows (the public one, the PIN pad, or the operator
// console), the UI state each keeps, and applying the intents screens return — opening the console
// only with the PIN, and running the technician's commands through the session controller.
#pragma once

#include "agenda_source.h"
#include "clock.h"
#include "lectern_config.h"
#include "operator_access.h"
#include "screens/lobby.h"
#include "screens/operator.h"
#include "screens/pin_pad.h"
#include "screens/recordings.h"
#include "session_controller.h"

#include <future>
#include <memory>
#include <string>
#include <vector>

namespace lectern {

enum class ScreenId { Lobby, Room, Timer };
// "lobby" → Lobby; throws std::invalid_argument listing the names for anything else.
ScreenId parse_screen_id(const std::string& name);

class KioskShell {
public:
    enum class Mode { Public, PinPad, Operator, Recordings };  // Recordings: behind the console's PIN

    // The recorder may be null (no capture in this kiosk): recording commands then fail in words.
    KioskShell(const LecternConfig& config, ScreenId public_screen, std::string room_id, std::shared_ptr<const Agenda> agenda,
               RecorderControl* recorder);

    // Draws the current screen; returns what the user asked for this frame.
    std::vector<Intent> draw(const ScreenContext& base, const OperatorView& view);
    void apply(const std::vector<Intent>& intents, TimePoint now);
    // Once per frame, before drawing: the PIN check's result, idle lock and automatic recording.
    void tick(TimePoint now, bool input_this_frame);
    bool checking_pin() const { return pin_check_.valid(); }  // a submitted PIN is being checked
    void set_agenda(std::shared_ptr<const Agenda> agenda);

    Mode mode() const { return mode_; }
    ScreenId public_screen() const { return public_screen_; }
    // The screen shows the moving preview (room screen or console): the loop wakes more often.
    bool shows_live_picture() const { return mode_ == Mode::Operator || (mode_ == Mode::Public && public_screen_ == ScreenId::Room); }
    bool console_open() const { return mode_ == Mode::Operator || mode_ == Mode::Recordings; }
    const std::string& room_id() const { return room_id_; }
    const SessionController& controller() const { return controller_; }
    SessionController& controller() { return controller_; }  // remote commands (kiosk_web) apply here too
    OperatorView operator_view(TimePoint now) const;  // without uploads/stats, which the app adds
    LobbyUi& lobby() { return lobby_; }
    LiveSession& live_overrides() { return overrides_; }  // screenshots: a given stage message, start, delay
    // Upload actions go to whoever owns the queue.
    std::vector<Intent> take_upload_intents();
    // What the Recordings screen asked for, for whoever owns its workers (the app's RecordingsDesk).
    std::vector<RecordingsRequest> take_recordings_requests();
    RecordingsUi& recordings_ui() { return recordings_ui_; }
    void show_operator_for_screenshot(TimePoint now);

private:
    LecternConfig config_;  // a copy: the shell outlives whoever built its configuration
    ScreenId public_screen_;
    std::string room_id_;
    std::shared_ptr<const Agenda> agenda_;
    std::unique_ptr<RecorderControl> missing_recorder_;
    SessionController controller_;
    OperatorAccess access_;
    Mode mode_ = Mode::Public;
    LobbyUi lobby_;
    PinPadUi pin_pad_;
    OperatorUi operator_ui_;
    LiveSession overrides_;
    std::string last_error_;
    std::vector<Intent> upload_intents_;
    RecordingsUi recordings_ui_;
    std::vector<RecordingsRequest> recordings_requests_;
    void take_pin_check();
    // The submitted PIN, checked off the frame thread; last, so that it ends before access_ does.
    std::future<OperatorAccess::Result> pin_check_;
};

}  // namespace lectern
