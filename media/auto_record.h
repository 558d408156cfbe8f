// Unattended rooms: which agenda item should be recording at a given instant, with padding before
// the scheduled start and after the scheduled end, and what the recorder should do about it.
// Pure functions of the agenda and the clock, so the kiosk's controller calls them once a second.
#pragma once

#include "agenda.h"
#include "recording_types.h"

#include <string>

namespace lectern {

enum class AutoAction { Keep, Start, Split, Stop };

struct AutoStep {
    AutoAction action = AutoAction::Keep;
    const AgendaItem* item = nullptr;  // for Start and Split
};

// recording_item_id is the item being recorded now ("" when idle). Breaks are never recorded.
// Back-to-back items switch at the next item's scheduled start, so padding never cuts a speech.
AutoStep next_auto_step(const Agenda& agenda, const std::string& room_id, TimePoint now, seconds pad_before,
                        seconds pad_after, const std::string& recording_item_id);

// The recording's metadata from the agenda: room name, title, speakers with native names and
// affiliations, scheduled times, the event's time zone.
RecordingMeta meta_for_item(const Agenda& agenda, const AgendaItem& item, const std::string& kiosk_id);

}  // namespace lectern
