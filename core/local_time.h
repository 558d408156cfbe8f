// Shows absolute instants in the event's time zone (IANA names through Howard Hinnant's date/tz,
// which reads the system's tzdata).
#pragma once

#include "agenda.h"

#include <string>

namespace lectern {

// Throws std::runtime_error naming the zone when it is unknown.
void check_time_zone(const std::string& zone);

std::string format_local(TimePoint t, const std::string& zone, const char* format);  // strftime-like, date::format
std::string clock_text(TimePoint t, const std::string& zone);  // "09:40"
std::string date_text(TimePoint t, const std::string& zone);   // "Monday 29 April 2024"
std::string utc_offset_text(TimePoint t, const std::string& zone);  // "UTC+08:00"
// Local midnight of the day that contains t, as an instant.
TimePoint local_midnight(TimePoint t, const std::string& zone);
// A local wall-clock time of a day in the zone (for agenda files without offsets).
TimePoint from_local(int year, unsigned month, unsigned day, int hour, int minute, int second, const std::string& zone);

// "in 5 min", "in 1 h 20 min", "now", "ended 3 min ago" — relative to now, whole minutes.
std::string relative_text(TimePoint start, TimePoint end, TimePoint now);
// "12:34" or "1:02:03" for a duration; negative values get a leading "+" (overrun) when asked.
std::string countdown_text(seconds left);

// Parses "2024-04-29T09:40:00+08:00" or "...Z" (RFC 3339); nullopt when malformed.
std::optional<TimePoint> parse_rfc3339(const std::string& text);
std::string to_rfc3339(TimePoint t, const std::string& zone);

}  // namespace lectern
