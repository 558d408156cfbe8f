// Programmes from wherever organisers keep them, chosen by content (not by file name): Lectern TOML,
// frab/pentabarf schedule.xml, schedule JSON v1 and v2, iCalendar. Real exports often break their
// schemas, so the importers take what they can, note what they had to guess (Agenda::import_notes),
// and refuse only what they cannot use, naming each problem's place (line, or JSON path).
#pragma once

#include "agenda.h"

#include <optional>
#include <string>
#include <string_view>

namespace lectern {

enum class ScheduleFormat { LecternToml, FrabXml, ScheduleJson, ICalendar, Unknown };
const char* to_string(ScheduleFormat format);

struct DetectedFormat {
    ScheduleFormat format = ScheduleFormat::Unknown;
    std::string looks_like;  // for Unknown: "an HTML page", "a PDF document", ...
};
DetectedFormat detect_schedule_format(std::string_view text);

// Any format; throws InputError (toml_reader.h). A file in no known format gets
// "not a schedule Lectern reads: this looks like X; Lectern reads …".
Agenda import_schedule(const std::string& text, const std::string& name);

Agenda import_schedule_json(const std::string& text, const std::string& name);  // v1 and v2
Agenda import_frab_xml(const std::string& text, const std::string& name);
Agenda import_icalendar(const std::string& text, const std::string& name);
Agenda import_schedule_json_file(const std::string& file);

// Reads a whole schedule file (refusing files over the size limit); throws InputError.
std::string read_schedule_file(const std::string& file);

// "00:30" → 30 min; pretalx writes a day or more as "1:02:30". nullopt when malformed.
std::optional<seconds> parse_schedule_duration(const std::string& text);

}  // namespace lectern
