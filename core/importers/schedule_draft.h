// What every importer reads from its format before Lectern's rules apply. Each format fills a
// ScheduleDraft (events with the place they were found); finish_draft() then handles, in one place,
// the quirks real exports have (no or wrong time zone, repeated ids, events after midnight, markup
// in titles, odd durations, impossible offsets), notes each guess, and refuses what it cannot use
// with every problem named by place.
#pragma once

#include "agenda.h"
#include "toml_reader.h"

#include <date/date.h>

#include <optional>
#include <string>
#include <vector>

namespace lectern {

struct DraftPerson {
    std::string id;  // may be empty: the name is the id then
    std::string name;
};

struct DraftEvent {
    int line = 0;       // where it was found: a line (XML, iCalendar)...
    std::string where;  // ...or a JSON path; used in notes and problems
    std::string id;     // guid, else id; may be empty or repeated
    std::string room;   // as written (a name)
    // The start: an instant (with the offset it was written with), or a local wall-clock time read
    // in the event's zone. from_day_clock: made of the day's date and an HH:MM, so a time before the
    // day's start belongs to the next calendar date (a talk at 01:00 of a day that ends at 04:00).
    std::optional<TimePoint> start;
    std::optional<minutes> offset;
    std::optional<date::local_seconds> local_start;
    bool from_day_clock = false;
    int day = -1;  // index into ScheduleDraft::days, when known
    std::optional<seconds> duration;
    std::optional<TimePoint> end;  // when the format gives an end instead of a duration
    std::string title, subtitle, type, track, language;
    std::vector<DraftPerson> persons;
    bool record = true;
};

struct DraftDay {
    std::optional<TimePoint> start, end;  // the conference day's span, when the file gives it
};

struct ScheduleDraft {
    std::string source;  // file name or URL (without credentials)
    std::string format;  // "frab XML", "schedule JSON v2", ... for notes
    std::string title;
    std::string venue;
    std::string time_zone;                 // as written; may be empty or unknown
    std::vector<minutes> written_offsets;  // offsets of day starts and the like, for zone inference
    std::vector<std::string> rooms;        // room names in the file's order
    std::vector<DraftDay> days;
    std::vector<DraftEvent> events;
    std::vector<std::string> notes;
    std::vector<InputProblem> problems;

    void problem(int line, const std::string& where, const std::string& message);
    void problem(const DraftEvent& e, const std::string& message) { problem(e.line, e.where, message); }
    void throw_if_problems() const;
};

// Builds the agenda; throws InputError with every problem when the draft cannot be used.
Agenda finish_draft(ScheduleDraft draft);

// Limits that keep a hostile or broken file from exhausting memory.
inline constexpr size_t kMaxScheduleBytes = 64u << 20;
inline constexpr size_t kMaxScheduleEvents = 50000;

// 1-based line of a byte offset in text (for parsers that report offsets).
class LineIndex {
public:
    explicit LineIndex(const std::string& text);
    int line_of(size_t offset) const;

private:
    std::vector<size_t> starts_;
};

}  // namespace lectern
