#include "kiosk_shell.h"

#include "screens/room.h"
#include "screens/timer.h"

#include <stdexcept>
#include <utility>

namespace lectern {

namespace {

// The demo PIN when no hash is configured; the console says so in its top bar.
const std::string& demo_pin_hash() {
    static const std::string hash = make_pin_hash("1234", 20000);
    return hash;
}

// Stands in when the kiosk has no capture: every recording command fails with this sentence.
class NoRecorder final : public RecorderControl {
    [[noreturn]] static void refuse() { throw std::runtime_error("This kiosk has no recorder (built without media/)."); }
    void start(const RecordingPlan&) override { refuse(); }
    void stop() override { refuse(); }
    void pause() override { refuse(); }
    void resume() override { refuse(); }
    void split(const RecordingPlan&) override { refuse(); }
};

OperatorAccessPolicy policy(const OperatorConfig& c) {
    return {c.pin_hash.empty() ? demo_pin_hash() : c.pin_hash, c.tries_before_lockout, seconds{c.lockout_seconds},
            seconds{c.idle_lock_seconds}, c.lockout_file.empty() ? "" : expand_home(c.lockout_file)};
}

}  // namespace

ScreenId parse_screen_id(const std::string& name) {
    if (name == "lobby") return ScreenId::Lobby;
    if (name == "room") return ScreenId::Room;
    if (name == "timer") return ScreenId::Timer;
    throw std::invalid_argument("unknown screen \"" + name + "\"; use lobby, room, timer (or operator, pin, recordings, for screenshots)");
}

KioskShell::KioskShell(const LecternConfig& config, ScreenId public_screen, std::string room_id, std::shared_ptr<const Agenda> agenda,
                       RecorderControl* recorder)
    : config_(config),
      public_screen_(public_screen),
      room_id_(room_id.empty() && !agenda->rooms.empty() ? agenda->rooms.front().id : std::move(room_id)),
      agenda_(agenda),
      missing_recorder_(recorder ? nullptr : new NoRecorder),
      controller_(agenda, room_id_, recorder ? *recorder : *missing_recorder_),
      access_(policy(config.operator_console)) {}

void KioskShell::set_agenda(std::shared_ptr<const Agenda> agenda) {
    agenda_ = agenda;
    controller_.set_agenda(std::move(agenda));
}

std::vector<Intent> KioskShell::draw(const ScreenContext& base, const OperatorView& view) {
    ScreenContext ctx = base;
    ctx.room_id = room_id_;
    LiveSession live = controller_.live();
    if (!overrides_.stage_message.empty()) live.stage_message = overrides_.stage_message;
    if (!overrides_.current_item.empty()) live.current_item = overrides_.current_item;
    for (const auto& [id, run] : overrides_.runs) live.runs[id] = run;
    ctx.live = &live;
    switch (mode_) {
        case Mode::PinPad: return draw_pin_pad(ctx, pin_pad_);
        case Mode::Operator: {
            // Upload problems are the technician's business while the room is still there to ask:
            // alerts under the console's preview. Public screens show the audience nothing of them.
            RecorderView recorder = ctx.recorder ? *ctx.recorder : RecorderView{};
            recorder.alerts.insert(recorder.alerts.end(), view.problems.begin(), view.problems.end());
            for (const UploadRow& row : view.uploads)
                if (row.state == "failed") {
                    recorder.alerts.push_back("Upload failing: " + row.target + ": " + row.error);
                    break;
                }
            ctx.recorder = &recorder;
            return draw_operator(ctx, view, operator_ui_);
        }
        case Mode::Recordings:
            if (view.recordings) return draw_recordings(ctx, *view.recordings, recordings_ui_, recordings_requests_);
            mode_ = Mode::Operator;
            return {};
        case Mode::Public: break;
    }
    switch (public_screen_) {
        case ScreenId::Lobby: return draw_lobby(ctx, lobby_);
        case ScreenId::Room: return draw_room(ctx);
        case ScreenId::Timer: return draw_timer(ctx);
    }
    return {};
}

void KioskShell::apply(const std::vector<Intent>& intents, TimePoint now) {
    for (const Intent& intent : intents) {
        switch (intent.kind) {
            case IntentKind::OpenOperator:
                if (mode_ == Mode::Public) {
                    mode_ = Mode::PinPad;
                    pin_pad_ = {};
                }
                break;
            case IntentKind::SubmitPin:
                if (mode_ != Mode::PinPad || pin_check_.valid()) break;
                // PBKDF2 with hash-pin's 200,000 iterations takes about a third of a second: off the
                // frame thread. Nothing else touches access_ until tick() takes the result in.
                pin_check_ = std::async(std::launch::async, [this, pin = intent.text, now] { return access_.try_pin(pin, now); });
                pin_pad_.typed.clear();
                pin_pad_.message = "Checking…";
                break;
            case IntentKind::CancelPin:
                if (mode_ == Mode::PinPad) mode_ = Mode::Public;
                break;
            case IntentKind::LockConsole:
                access_.lock();
                mode_ = Mode::Public;
                recordings_requests_.clear();
                break;
            case IntentKind::OpenRecordings:
                if (mode_ == Mode::Operator && access_.is_open(now)) mode_ = Mode::Recordings;
                break;
            case IntentKind::CloseRecordings:
                if (mode_ == Mode::Recordings) mode_ = Mode::Operator;
                break;
            case IntentKind::Run:
                // Only an open console may change what is recorded; public screens never emit these,
                // and this check keeps it so whatever a screen returns.
                if (mode_ != Mode::Operator || !access_.is_open(now)) break;
                access_.touch(now);
                if (auto error = controller_.apply(intent.command, now))
                    last_error_ = *error;
                else
                    last_error_.clear();
                break;
            case IntentKind::RetryUpload:
            case IntentKind::PauseUpload:
            case IntentKind::CancelUpload:
                if (mode_ == Mode::Operator && access_.is_open(now)) upload_intents_.push_back(intent);
                break;
        }
    }
}

void KioskShell::take_pin_check() {
    if (!pin_check_.valid() || pin_check_.wait_for(std::chrono::seconds{0}) != std::future_status::ready) return;
    const OperatorAccess::Result result = pin_check_.get();
    if (mode_ != Mode::PinPad) return;  // cancelled meanwhile
    pin_pad_.message.clear();
    if (result == OperatorAccess::Result::Opened) {
        mode_ = Mode::Operator;
        pin_pad_ = {};
    } else if (result == OperatorAccess::Result::WrongPin) {
        pin_pad_.message = "Wrong PIN — " + std::to_string(access_.tries_left()) + " tries left";
    }
}

void KioskShell::tick(TimePoint now, bool input_this_frame) {
    take_pin_check();
    if (mode_ == Mode::PinPad && !pin_check_.valid()) pin_pad_.locked_for = access_.locked_out_for(now);
    if (console_open()) {
        if (input_this_frame) access_.touch(now);
        if (!access_.is_open(now)) mode_ = Mode::Public;  // idle lock
    }
    if (config_.session.auto_record)
        controller_.tick_automatic(now, seconds{config_.session.padding_seconds});
    else
        controller_.follow_recorder(now);  // a recorder that stopped by itself ends the item here too
}

OperatorView KioskShell::operator_view(TimePoint now) const {
    OperatorView view;
    view.state = controller_.state();
    for (const AgendaItem* item : agenda_->items_in(room_id_)) {
        view.rundown.emplace_back(item, controller_.status_of(*item, now));
        if (!controller_.correctable(*item, now)) view.uncorrectable.insert(item->id);
    }
    view.last_error = last_error_;
    view.default_pin = config_.operator_console.pin_hash.empty();
    view.undo_split_left = controller_.undo_split_left(now);
    return view;
}

std::vector<Intent> KioskShell::take_upload_intents() { return std::exchange(upload_intents_, {}); }

std::vector<RecordingsRequest> KioskShell::take_recordings_requests() {
    // Only an open console's requests count (a lock in the same frame drops them).
    if (mode_ != Mode::Recordings) recordings_requests_.clear();
    return std::exchange(recordings_requests_, {});
}

void KioskShell::show_operator_for_screenshot(TimePoint now) {
    // Screenshots of the console skip the PIN: they are made by whoever can run the binary anyway.
    access_ = OperatorAccess(OperatorAccessPolicy{demo_pin_hash(), 3, seconds{30}, seconds{3600}, ""});
    access_.try_pin("1234", now);
    mode_ = Mode::Operator;
}

}  // namespace lectern
