#include "local_time.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace lectern {

static const date::time_zone* zone_of(const std::string& zone) {
    try {
        return date::locate_zone(zone);
    } catch (const std::exception&) {
        throw std::runtime_error("unknown time zone \"" + zone +
                                 "\"; use an IANA name such as \"Asia/Shanghai\" or \"Europe/Berlin\" (is tzdata installed?)");
    }
}

void check_time_zone(const std::string& zone) { zone_of(zone); }

std::string format_local(TimePoint t, const std::string& zone, const char* format) {
    return date::format(format, date::make_zoned(zone_of(zone), t));
}

std::string clock_text(TimePoint t, const std::string& zone) { return format_local(t, zone, "%H:%M"); }

std::string date_text(TimePoint t, const std::string& zone) {
    std::string text = format_local(t, zone, "%A %e %B %Y");
    // %e pads single-digit days with a space.
    if (auto pos = text.find("  "); pos != std::string::npos) text.erase(pos, 1);
    return text;
}

std::string when_text(TimePoint t, TimePoint now, const std::string& zone) {
    const auto away = t > now ? t - now : now - t;
    return format_local(t, zone, away > std::chrono::hours{24} ? "%a %H:%M" : "%H:%M");
}

std::string utc_offset_text(TimePoint t, const std::string& zone) {
    auto info = zone_of(zone)->get_info(t);
    auto offset = std::chrono::duration_cast<minutes>(info.offset).count();
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "UTC%c%02lld:%02lld", offset < 0 ? '-' : '+', std::llabs(offset) / 60,
                  std::llabs(offset) % 60);
    return buffer;
}

TimePoint local_midnight(TimePoint t, const std::string& zone) {
    const date::time_zone* z = zone_of(zone);
    auto local = z->to_local(t);
    auto day = date::floor<date::days>(local);
    return date::floor<seconds>(z->to_sys(day, date::choose::earliest));
}

TimePoint from_local(int year, unsigned month, unsigned day, int hour, int minute, int second, const std::string& zone) {
    const date::time_zone* z = zone_of(zone);
    date::local_seconds local = date::local_days{date::year{year} / date::month{month} / date::day{day}} +
                                std::chrono::hours{hour} + minutes{minute} + seconds{second};
    // In a DST gap or fold, take the earlier instant rather than throwing: agendas rarely sit there.
    return z->to_sys(local, date::choose::earliest);
}

std::string relative_text(TimePoint start, TimePoint end, TimePoint now) {
    auto fmt = [](long long mins) {
        if (mins < 60) return std::to_string(mins) + " min";
        std::string text = std::to_string(mins / 60) + " h";
        if (mins % 60) text += " " + std::to_string(mins % 60) + " min";
        return text;
    };
    if (now >= start && now < end) return "now";
    if (now >= end) return "ended " + fmt(std::chrono::duration_cast<minutes>(now - end).count()) + " ago";
    auto mins = std::chrono::duration_cast<minutes>(start - now + seconds{59}).count();  // round up
    if (mins >= 24 * 60) return "in " + std::to_string(mins / (24 * 60)) + (mins < 48 * 60 ? " day" : " days");
    return "in " + fmt(mins);
}

std::string countdown_text(seconds left) {
    const bool over = left.count() < 0;
    long long s = std::llabs(left.count());
    char buffer[32];
    if (s >= 3600)
        std::snprintf(buffer, sizeof buffer, "%s%lld:%02lld:%02lld", over ? "+" : "", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buffer, sizeof buffer, "%s%lld:%02lld", over ? "+" : "", s / 60, s % 60);
    return buffer;
}

bool starts_with_date_time(std::string_view text) {
    static constexpr std::string_view shape = "0000-00-00T00:00:00";
    if (text.size() < shape.size()) return false;
    for (size_t i = 0; i < shape.size(); ++i) {
        const char c = text[i];
        const bool ok = shape[i] == '0' ? c >= '0' && c <= '9' : i == 10 ? (c == 'T' || c == 't' || c == ' ') : c == shape[i];
        if (!ok) return false;
    }
    return true;
}

namespace {

bool digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// RFC 3339's tail after the seconds: [time-secfrac] time-offset, where time-offset is "Z" or
// ("+" / "-") time-hour ":" time-minute. Checked here because date.h's %Ez overflows on some
// malformed offsets and lets hours up to 99 and minutes up to 99 through.
bool rfc3339_tail(std::string_view tail) {
    if (!tail.empty() && tail.front() == '.') {
        const size_t end = tail.find_first_not_of("0123456789", 1);
        if (end == 1 || end == std::string_view::npos) return false;
        tail.remove_prefix(end);
    }
    if (tail == "Z" || tail == "z") return true;
    if (tail.size() != 6 || (tail[0] != '+' && tail[0] != '-') || tail[3] != ':') return false;
    if (!digits(tail.substr(1, 2)) || !digits(tail.substr(4, 2))) return false;
    return std::stoi(std::string(tail.substr(1, 2))) <= 23 && std::stoi(std::string(tail.substr(4, 2))) <= 59;
}

}  // namespace

std::optional<Rfc3339Time> parse_rfc3339_time(const std::string& text) {
    // RFC 3339 allows "t" and " " for "T" and "z" for "Z"; date::parse wants one spelling.
    if (text.size() < 20 || text.size() > 40 || !starts_with_date_time(text)) return std::nullopt;
    if (!rfc3339_tail(std::string_view(text).substr(19))) return std::nullopt;
    std::string normal = text;
    if (normal[10] == 't' || normal[10] == ' ') normal[10] = 'T';
    if (normal.back() == 'z') normal.back() = 'Z';
    // Microseconds so that fractional seconds parse; they are dropped below.
    date::sys_time<std::chrono::microseconds> at;
    std::chrono::minutes offset{0};
    std::istringstream in(normal);
    const bool utc = normal.back() == 'Z';
    if (utc)
        in >> date::parse("%FT%TZ", at);
    else
        in >> date::parse("%FT%T%Ez", at, offset);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    return Rfc3339Time{date::floor<seconds>(at), offset, utc};
}

std::optional<TimePoint> parse_rfc3339(const std::string& text) {
    if (auto parsed = parse_rfc3339_time(text)) return parsed->at;
    return std::nullopt;
}

std::string to_rfc3339(TimePoint t, const std::string& zone) {
    std::string text = format_local(t, zone, "%Y-%m-%dT%H:%M:%S%z");
    text.insert(text.size() - 2, ":");
    return text;
}

}  // namespace lectern
