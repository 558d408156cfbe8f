// What changed between two versions of a programme, per stable item id: moved, cancelled, added,
// room changed, speakers changed, retitled. Shown on the console and as marks on the lobby, logged,
// and printed by `lectern agenda diff OLD NEW`.
#pragma once

#include "agenda.h"

#include <string>
#include <vector>

namespace lectern {

const char* to_string(ChangeKind kind);  // "added", "cancelled", "moved", ...

// In the order of the new programme (cancelled items last); times in after's zone.
std::vector<AgendaChange> diff_agendas(const Agenda& before, const Agenda& after);

// The changes of a reload as a running kiosk keeps them in the new snapshot: this reload's first
// (noticed = now), then the earlier ones still within shown_for.
void carry_changes(const Agenda& before, Agenda& after, TimePoint now, seconds shown_for);

// The items of a room a reload cancelled, while the lobby still says so: noticed within the
// agenda's changes_shown_for and not yet over at their old times; earliest first.
std::vector<const AgendaChange*> recent_cancellations(const Agenda& agenda, const std::string& room_id, TimePoint now);

// The mark a screen shows on an item ("moved 10:20 → 10:35"), or "" when it did not change lately.
std::string change_mark(const Agenda& agenda, const std::string& item_id, TimePoint now);

}  // namespace lectern
