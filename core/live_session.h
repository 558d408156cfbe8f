// What actually happened in a room, as opposed to what the agenda printed: when the technician
// started each item. Screens use it to count down from the real start and to show the real delay.
#pragma once

#include "agenda.h"

#include <map>
#include <optional>
#include <string>

namespace lectern {

struct ItemRun {
    TimePoint started;
    std::optional<TimePoint> ended;
};

struct LiveSession {
    std::map<std::string, ItemRun> runs;  // by item id
    std::string current_item;             // the item the technician says is on; empty = follow the clock
    std::string stage_message;            // the operator's line for the speaker ("please wrap up")

    const ItemRun* run_of(const std::string& item_id) const;
};

// The item on in a room now: the one the technician started, else the agenda's.
const AgendaItem* current_item(const Agenda& agenda, const std::string& room_id, const LiveSession& live, TimePoint now);

// How late the room runs: the current item's actual start minus its scheduled start (0 when on time
// or not started by hand). Later items are expected to shift by the same amount.
seconds room_delay(const Agenda& agenda, const std::string& room_id, const LiveSession& live, TimePoint now);

enum class TimerPhase { Idle, Plenty, Warning, Final, Overrun };
const char* to_string(TimerPhase phase);

struct TimerThresholds {
    minutes warning{5};  // amber from here
    minutes final{1};    // red from here; after zero it counts up as overrun
};

struct TimerReading {
    const AgendaItem* item = nullptr;  // null when nothing is on
    const AgendaItem* next = nullptr;
    seconds left{0};                   // negative when over time
    seconds delay{0};
    TimerPhase phase = TimerPhase::Idle;
};

TimerReading read_timer(const Agenda& agenda, const std::string& room_id, const LiveSession& live, TimePoint now,
                        const TimerThresholds& thresholds);

}  // namespace lectern
