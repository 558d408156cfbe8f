#include "live_session.h"

namespace lectern {

const ItemRun* LiveSession::run_of(const std::string& item_id) const {
    auto it = runs.find(item_id);
    return it == runs.end() ? nullptr : &it->second;
}

const AgendaItem* current_item(const Agenda& agenda, const std::string& room_id, const LiveSession& live, TimePoint now) {
    if (!live.current_item.empty()) {
        for (const auto& item : agenda.items)
            if (item.id == live.current_item && item.room_id == room_id) return &item;
    }
    return now_next(agenda, room_id, now).now;
}

seconds room_delay(const Agenda& agenda, const std::string& room_id, const LiveSession& live, TimePoint now) {
    const AgendaItem* item = current_item(agenda, room_id, live, now);
    if (!item) return seconds{0};
    const ItemRun* run = live.run_of(item->id);
    return run ? run->started - item->start : seconds{0};
}

const char* to_string(TimerPhase phase) {
    switch (phase) {
        case TimerPhase::Idle: return "idle";
        case TimerPhase::Plenty: return "plenty";
        case TimerPhase::Warning: return "warning";
        case TimerPhase::Final: return "final";
        case TimerPhase::Overrun: return "overrun";
    }
    return "idle";
}

TimerReading read_timer(const Agenda& agenda, const std::string& room_id, const LiveSession& live, TimePoint now,
                        const TimerThresholds& thresholds) {
    TimerReading r;
    r.item = current_item(agenda, room_id, live, now);
    r.delay = room_delay(agenda, room_id, live, now);
    if (!r.item) {
        r.next = now_next(agenda, room_id, now).next;
        return r;
    }
    for (const auto& item : agenda.items)
        if (item.room_id == room_id && item.start > r.item->start) {
            r.next = &item;
            break;
        }
    // The speaker gets the slot's full length from when they actually started.
    const ItemRun* run = live.run_of(r.item->id);
    const TimePoint started = run ? run->started : r.item->start;
    r.left = started + r.item->length() - now;
    if (r.left <= seconds{0})
        r.phase = TimerPhase::Overrun;
    else if (r.left <= thresholds.final)
        r.phase = TimerPhase::Final;
    else if (r.left <= thresholds.warning)
        r.phase = TimerPhase::Warning;
    else
        r.phase = TimerPhase::Plenty;
    return r;
}

}  // namespace lectern
