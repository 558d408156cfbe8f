// Runs a room's session: applies the technician's commands (start, stop, pause, next speaker, skip,
// corrections, stage message) to the recorder and keeps what actually happened (LiveSession).
// Screens emit Commands; the shell applies them here after the frame.
#pragma once

#include "agenda.h"
#include "live_session.h"

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lectern {

// What one recording is of, with the technician's corrections applied.
struct RecordingPlan {
    std::string event;
    std::string room;
    std::string item_id;
    std::string title;
    std::vector<Speaker> speakers;
    std::string note;
    TimePoint scheduled_start{};
    TimePoint scheduled_end{};
};

// An agenda item as a recording plan, before any correction.
RecordingPlan plan_for_item(const Agenda& agenda, const AgendaItem& item);

// What the recorder is really doing. Commands are applied in the background, so right after one
// the answer is Pending; Stopped covers a recorder that stopped by itself (full disk, encoder failure).
enum class RecorderActivity { Pending, Recording, Paused, Stopped };

// The recorder as the controller sees it; media/ implements it over the FFmpeg pipeline.
class RecorderControl {
public:
    virtual ~RecorderControl() = default;
    virtual void start(const RecordingPlan& plan) = 0;  // throws std::runtime_error with a plain reason
    virtual void stop() = 0;
    virtual void pause() = 0;
    virtual void resume() = 0;
    virtual void split(const RecordingPlan& next) = 0;  // gapless: ends one file, begins the next
    // Undo of the last split: the file being recorded is joined to the one before it when it ends,
    // under the earlier item. Only possible while that earlier file has not started uploading.
    virtual void merge_back() { throw std::runtime_error("This recorder cannot undo a split."); }
    // The technician's correction of an item already on tape (being recorded, or recorded and not
    // yet uploaded): its files' sidecars and tags take it. A recorder without files does nothing.
    virtual void correct(const RecordingPlan& corrected) { (void)corrected; }
    // True once a file of this item went to the uploader: a correction can no longer reach it.
    virtual bool handed_on(const std::string& item_id) const {
        (void)item_id;
        return false;
    }
    // Pending for a recorder that cannot tell; the controller then believes its own commands.
    virtual RecorderActivity activity() const { return RecorderActivity::Pending; }
};

struct MetadataCorrection {
    std::string title;     // empty = keep the agenda's
    std::string speakers;  // comma-separated names replacing the agenda's; empty = keep
    std::string note;
};

enum class CommandKind { Start, Stop, Pause, Resume, NextSpeaker, UndoSplit, SkipItem, RecordItem, SetStageMessage, Correct };

// How long after "next speaker" the split can still be undone (the earlier file waits this long
// before it is queued for upload).
constexpr seconds kUndoSplitWindow{15};

struct Command {
    CommandKind kind;
    std::string item_id{};            // SkipItem, RecordItem, Correct; Start: optional item to start with
    std::string text{};               // SetStageMessage
    MetadataCorrection correction{};  // Correct
};

bool is_recording_command(CommandKind kind);  // everything that changes what is recorded

enum class ItemStatus { Upcoming, Skipped, Recording, Recorded, Missed };
const char* to_string(ItemStatus status);

class SessionController {
public:
    enum class State { Idle, Recording, Paused };

    SessionController(std::shared_ptr<const Agenda> agenda, std::string room_id, RecorderControl& recorder);

    // Applies one command; a failure (e.g. the recorder cannot start) comes back as a plain sentence.
    std::optional<std::string> apply(const Command& command, TimePoint now);
    // Unattended rooms: starts, splits and stops at the items' scheduled times with padding.
    void tick_automatic(TimePoint now, seconds padding);
    // Once per frame: follows what the recorder really does. A recorder that stopped by itself
    // ends the current item; an item whose start or split the recorder never took is not recorded.
    void follow_recorder(TimePoint now);
    // A reload never splits or stops the item being recorded, whatever happened to it in the new
    // agenda; an unattended room follows the new times for the items after it.
    void set_agenda(std::shared_ptr<const Agenda> agenda) { agenda_ = std::move(agenda); }

    State state() const { return state_; }
    const LiveSession& live() const { return live_; }
    ItemStatus status_of(const AgendaItem& item, TimePoint now) const;
    // Whether a correction (Edit) can still reach the item: not missed, and not already handed to
    // the uploader (the uploaded copy would keep the old title while the screens showed the new).
    bool correctable(const AgendaItem& item, TimePoint now) const;
    RecordingPlan plan_for(const AgendaItem& item) const;
    int recordings_made() const { return recordings_made_; }
    seconds undo_split_left(TimePoint now) const;  // 0 when there is no split to undo

private:
    const AgendaItem* item(const std::string& id) const;
    bool is_skipped(const AgendaItem& item) const;
    const AgendaItem* next_to_record(const AgendaItem* after, TimePoint now) const;
    const AgendaItem* on_tape() const;
    void split_to(const AgendaItem& next, TimePoint now);
    void begin_item(const AgendaItem& item, TimePoint now);
    void end_current(TimePoint now);

    std::shared_ptr<const Agenda> agenda_;
    std::string room_id_;
    RecorderControl& recorder_;
    State state_ = State::Idle;
    LiveSession live_;
    std::map<std::string, bool> skipped_;  // the technician's skip (true) or record (false), by item
    std::map<std::string, MetadataCorrection> corrections_;
    std::map<std::string, bool> recorded_;
    int recordings_made_ = 0;
    // The item being recorded as it was when its recording began: a reload may move, rename,
    // re-room or drop it, and the recording must go on all the same.
    std::optional<AgendaItem> on_tape_;
    struct Split {
        AgendaItem from;
        std::string to;
        TimePoint at;
        bool to_was_recorded;
    };
    std::optional<Split> last_split_;
    struct Unconfirmed {  // begun here, not yet seen recording by the recorder
        std::string item;
        bool was_recorded;
    };
    std::optional<Unconfirmed> unconfirmed_;
    TimePoint next_auto_start_{};  // an unattended room retries a refused start every 10 s
    std::optional<TimePoint> last_tick_;  // an unattended room splits when a start falls since then
};

}  // namespace lectern
