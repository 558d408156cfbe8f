// Shows absolute instants in the event's time zone (IANA names through Howard Hinnant's date/tz,
// which reads the system's tzdata).
#pragma once

#include "agenda.h"

#include <string>
#include <string_view>

namespace lectern {

// Throws std::runtime_error naming the zone when it is unknown.
void check_time_zone(const std::string& zone);

std::string format_local(TimePoint t, const std::string& zone, const char* format);  // strftime-like, date::format
std::string clock_text(TimePoint t, const std::string& zone);  // "09:40"
std::string date_text(TimePoint t, const std::string& zone);   // "Monday 29 April 2024"
// "16:00", or "Wed 16:00" when t is more than a day from now (so a time two days off is not read as today).
std::string when_text(TimePoint t, TimePoint now, const std::string& zone);
std::string utc_offset_text(TimePoint t, const std::string& zone);  // "UTC+08:00"
// Local midnight of the day that contains t, as an instant.
TimePoint local_midnight(TimePoint t, const std::string& zone);
// A local wall-clock time of a day in the zone (for agenda files without offsets).
TimePoint from_local(int year, unsigned month, unsigned day, int hour, int minute, int second, const std::string& zone);

// "in 5 min", "in 1 h 20 min", "now", "ended 3 min ago" — relative to now, whole minutes.
std::string relative_text(TimePoint start, TimePoint end, TimePoint now);
// "12:34" or "1:02:03" for a duration; negative values get a leading "+" (overrun) when asked.
std::string countdown_text(seconds left);

// Parses "2024-04-29T09:40:00+08:00" or "...Z" (RFC 3339, with date::parse); nullopt when malformed.
std::optional<TimePoint> parse_rfc3339(const std::string& text);
// The same, keeping the offset as written (importers infer a time zone from it).
struct Rfc3339Time {
    TimePoint at;
    minutes offset{0};  // local time minus UTC, as written
    bool utc = false;   // written with "Z"
};
std::optional<Rfc3339Time> parse_rfc3339_time(const std::string& text);

// True when text starts "YYYY-MM-DDTHH:MM:SS" (T or space), digits where the digits go. Check before
// date::parse("%FT%T"): on a seconds field that is no number it converts an uninitialised long
// double (date.h's %S and %T; found by tests/fuzz), which is undefined behaviour.
bool starts_with_date_time(std::string_view text);
// The smallest and largest UTC offsets any time zone uses (UTC−12:00 and UTC+14:00).
inline constexpr minutes kMinUtcOffset{-12 * 60};
inline constexpr minutes kMaxUtcOffset{14 * 60};
std::string to_rfc3339(TimePoint t, const std::string& zone);

}  // namespace lectern
