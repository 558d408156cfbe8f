#include "session_controller.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace lectern {

seconds SessionController::undo_split_left(TimePoint now) const {
    if (!last_split_ || state_ == State::Idle || live_.current_item != last_split_->to) return seconds{0};
    return std::max(seconds{0}, last_split_->at + kUndoSplitWindow - now);
}

bool is_recording_command(CommandKind kind) { return kind != CommandKind::SetStageMessage; }

const char* to_string(ItemStatus status) {
    switch (status) {
        case ItemStatus::Upcoming: return "upcoming";
        case ItemStatus::Skipped: return "skipped";
        case ItemStatus::Recording: return "recording";
        case ItemStatus::Recorded: return "recorded";
        case ItemStatus::Missed: return "not recorded";
    }
    return "upcoming";
}

SessionController::SessionController(std::shared_ptr<const Agenda> agenda, std::string room_id, RecorderControl& recorder)
    : agenda_(std::move(agenda)), room_id_(std::move(room_id)), recorder_(recorder) {}

const AgendaItem* SessionController::item(const std::string& id) const {
    for (const auto& i : agenda_->items)
        if (i.id == id && i.room_id == room_id_) return &i;
    return nullptr;
}

const AgendaItem* SessionController::next_to_record(const AgendaItem* after, TimePoint now) const {
    for (const auto& i : agenda_->items) {
        if (i.room_id != room_id_ || is_skipped(i) || i.kind == ItemKind::Break) continue;
        if (after ? i.start > after->start : i.end > now) return &i;
    }
    return nullptr;
}

const AgendaItem* SessionController::on_tape() const {
    if (const AgendaItem* now_listed = item(live_.current_item)) return now_listed;
    return on_tape_ && on_tape_->id == live_.current_item ? &*on_tape_ : nullptr;
}

bool SessionController::is_skipped(const AgendaItem& i) const {
    // The technician's choice wins; otherwise the speaker's "do not record" from the agenda.
    auto it = skipped_.find(i.id);
    return it != skipped_.end() ? it->second : !i.record;
}

RecordingPlan plan_for_item(const Agenda& agenda, const AgendaItem& i) {
    RecordingPlan plan;
    plan.event = agenda.event.name;
    const Room* room = agenda.room(i.room_id);
    plan.room = room ? room->name : i.room_id;
    plan.item_id = i.id;
    plan.title = i.title;
    plan.note = i.note;
    plan.scheduled_start = i.start;
    plan.scheduled_end = i.end;
    for (const auto& id : i.speaker_ids)
        if (const Speaker* s = agenda.speaker(id)) plan.speakers.push_back(*s);
    return plan;
}

RecordingPlan SessionController::plan_for(const AgendaItem& i) const {
    RecordingPlan plan = plan_for_item(*agenda_, i);
    if (auto c = corrections_.find(i.id); c != corrections_.end()) {
        if (!c->second.title.empty()) plan.title = c->second.title;
        if (!c->second.note.empty()) plan.note = c->second.note;
        if (!c->second.speakers.empty()) {
            plan.speakers.clear();
            std::istringstream names(c->second.speakers);
            for (std::string name; std::getline(names, name, ',');) {
                name.erase(0, name.find_first_not_of(' '));
                name.erase(name.find_last_not_of(' ') + 1);
                if (!name.empty()) plan.speakers.push_back(Speaker{"", name, "", "", ""});
            }
        }
    }
    return plan;
}

void SessionController::begin_item(const AgendaItem& i, TimePoint now) {
    unconfirmed_ = Unconfirmed{i.id, recorded_.count(i.id) > 0};
    on_tape_ = i;
    live_.current_item = i.id;
    live_.runs[i.id] = ItemRun{now, std::nullopt};
    recorded_[i.id] = true;
    ++recordings_made_;
}

void SessionController::end_current(TimePoint now) {
    if (auto run = live_.runs.find(live_.current_item); run != live_.runs.end()) run->second.ended = now;
}

std::optional<std::string> SessionController::apply(const Command& c, TimePoint now) {
    try {
        switch (c.kind) {
            case CommandKind::Start: {
                if (state_ != State::Idle) return "Already recording.";
                const AgendaItem* first = c.item_id.empty() ? current_item(*agenda_, room_id_, live_, now) : item(c.item_id);
                if (!first || is_skipped(*first)) first = next_to_record(nullptr, now);
                if (!first) return "Nothing left to record in this room today.";
                recorder_.start(plan_for(*first));
                begin_item(*first, now);
                state_ = State::Recording;
                return std::nullopt;
            }
            case CommandKind::Stop:
                if (state_ == State::Idle) return "Not recording.";
                recorder_.stop();
                last_split_.reset();
                on_tape_.reset();
                end_current(now);
                live_.current_item.clear();
                state_ = State::Idle;
                return std::nullopt;
            case CommandKind::Pause:
                if (state_ != State::Recording) return "Not recording.";
                recorder_.pause();
                state_ = State::Paused;
                return std::nullopt;
            case CommandKind::Resume:
                if (state_ != State::Paused) return "Not paused.";
                recorder_.resume();
                state_ = State::Recording;
                return std::nullopt;
            case CommandKind::NextSpeaker: {
                if (state_ == State::Idle) return "Not recording: press Start first.";
                const AgendaItem* next = next_to_record(on_tape(), now);
                if (!next) return apply(Command{CommandKind::Stop, "", "", {}}, now);
                split_to(*next, now);
                return std::nullopt;
            }
            case CommandKind::UndoSplit: {
                if (undo_split_left(now) <= seconds{0}) return "Nothing to undo: a split can be undone for " +
                                                                 std::to_string(kUndoSplitWindow.count()) + " s.";
                recorder_.merge_back();
                const Split split = *last_split_;
                last_split_.reset();
                live_.runs.erase(split.to);
                if (!split.to_was_recorded) recorded_.erase(split.to);
                --recordings_made_;
                live_.current_item = split.from.id;
                on_tape_ = split.from;
                live_.runs[split.from.id].ended.reset();
                return std::nullopt;
            }
            case CommandKind::SkipItem: skipped_[c.item_id] = true; return std::nullopt;
            case CommandKind::RecordItem: skipped_[c.item_id] = false; return std::nullopt;
            case CommandKind::SetStageMessage: live_.stage_message = c.text; return std::nullopt;
            case CommandKind::Correct: {
                if (const AgendaItem* i = item(c.item_id); i && recorded_.count(i->id) && recorder_.handed_on(i->id))
                    return "The recording of '" + i->title + "' is already with the uploader: the correction would not reach it. "
                           "Correct it where staff retrieve the recordings.";
                corrections_[c.item_id] = c.correction;
                // On tape already: the recorder's files (being recorded, held before upload) take it too.
                if (const AgendaItem* i = item(c.item_id); i && recorded_.count(i->id)) recorder_.correct(plan_for(*i));
                return std::nullopt;
            }
        }
    } catch (const std::exception& e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

void SessionController::split_to(const AgendaItem& next, TimePoint now) {
    if (state_ == State::Paused) recorder_.resume();
    recorder_.split(plan_for(next));
    const AgendaItem from = on_tape_ ? *on_tape_ : next;
    last_split_ = Split{from, next.id, now, recorded_.count(next.id) > 0};
    end_current(now);
    begin_item(next, now);
    state_ = State::Recording;
}

void SessionController::follow_recorder(TimePoint now) {
    const RecorderActivity actual = recorder_.activity();
    if (actual == RecorderActivity::Pending) return;
    if (actual != RecorderActivity::Stopped) {
        unconfirmed_.reset();
        if (state_ != State::Idle) state_ = actual == RecorderActivity::Paused ? State::Paused : State::Recording;
        return;
    }
    if (state_ == State::Idle) return;
    // Stopped by itself (full disk, encoder failure), or never took the last start or split.
    if (unconfirmed_) {
        if (!unconfirmed_->was_recorded) recorded_.erase(unconfirmed_->item);
        --recordings_made_;
        unconfirmed_.reset();
    }
    end_current(now);
    live_.current_item.clear();
    last_split_.reset();
    state_ = State::Idle;
    next_auto_start_ = now + seconds{10};
}

void SessionController::tick_automatic(TimePoint now, seconds padding) {
    follow_recorder(now);
    const TimePoint previous_tick = last_tick_.value_or(now);
    last_tick_ = now;
    // The item that should be on tape now: the latest-starting one whose padded slot contains now.
    const AgendaItem* due = nullptr;
    for (const auto& i : agenda_->items)
        if (i.room_id == room_id_ && !is_skipped(i) && i.kind != ItemKind::Break && i.start - padding <= now &&
            now < i.end + padding)
            due = &i;
    if (state_ == State::Idle) {
        if (due && !recorded_.count(due->id) && now >= next_auto_start_ &&
            apply(Command{CommandKind::Start, due->id, "", {}}, now))
            next_auto_start_ = now + seconds{10};
        return;
    }
    const AgendaItem* current = on_tape();
    if (!current) {
        apply(Command{CommandKind::Stop, "", "", {}}, now);
        return;
    }
    // A reload never cuts the item on tape short: it ends at the later of the end it began with and
    // its end now. The next item begins when the clock reaches its (possibly new) start, or, when
    // it was moved to a time already past, at the end of the item on tape.
    const TimePoint end = std::max(on_tape_ ? on_tape_->end : current->end, current->end);
    const bool over = now >= end + padding;
    const bool next_due = due && due->id != current->id && !recorded_.count(due->id);
    try {
        if (next_due && ((previous_tick < due->start && due->start <= now) || over))
            split_to(*due, now);
        else if (over)
            apply(Command{CommandKind::Stop, "", "", {}}, now);
    } catch (const std::exception&) {
        // A refused split leaves the recorder as it was; follow_recorder sees what it really does.
    }
}

bool SessionController::correctable(const AgendaItem& i, TimePoint now) const {
    const ItemStatus status = status_of(i, now);
    return status != ItemStatus::Missed && !(recorded_.count(i.id) && recorder_.handed_on(i.id));
}

ItemStatus SessionController::status_of(const AgendaItem& i, TimePoint now) const {
    if (i.id == live_.current_item && state_ != State::Idle) return ItemStatus::Recording;
    if (recorded_.count(i.id)) return ItemStatus::Recorded;
    if (is_skipped(i)) return ItemStatus::Skipped;
    return i.end <= now ? ItemStatus::Missed : ItemStatus::Upcoming;
}

}  // namespace lectern
