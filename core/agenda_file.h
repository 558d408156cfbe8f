// Lectern's agenda file format (TOML, documented in README.md): [event], [[rooms]], [[speakers]],
// [[items]]. Loading checks everything and reports every problem with file, line and field.
#pragma once

#include "agenda.h"

#include <string>

namespace lectern {

// Throws InputError (see config/toml_reader.h) naming file, line and key for each problem.
// The format is chosen by content: TOML, schedule.xml, schedule JSON or iCalendar (schedule_import.h).
Agenda load_agenda_file(const std::string& file);
Agenda load_agenda_text(const std::string& text, const std::string& name);

// The symposium of 29 April 2024 at BJAST, built into the binary (config/demo-agenda.toml).
Agenda demo_agenda();
const std::string& demo_agenda_text();

// Moves the demo so that it is under way now: its first item started `lead` ago, rounded to
// whole minutes, so now/next move live. Marks the agenda as moved.
void move_demo_to_now(Agenda& agenda, TimePoint now, minutes lead = minutes{25});

}  // namespace lectern
