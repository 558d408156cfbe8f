// Imports the frab/pretalx "schedule.json" export (the format pretalx, frab, info-beamer and
// EventFahrplan share; schema in shared/schemas) into Lectern's agenda. Real exports often break the
// schema, so it takes what it can, notes what it had to guess (Agenda::import_notes), and refuses
// only what it cannot use, with the JSON path of each problem.
#pragma once

#include "agenda.h"

#include <string>

namespace lectern {

Agenda import_schedule_json(const std::string& text, const std::string& name);  // throws InputError
Agenda import_schedule_json_file(const std::string& file);

// "00:30" → 30 min; pretalx writes a day or more as "1:02:30". nullopt when malformed.
std::optional<seconds> parse_schedule_duration(const std::string& text);

}  // namespace lectern
