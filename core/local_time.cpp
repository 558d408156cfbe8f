#include "local_time.h"

#include <date/date.h>
#include <date/tz.h>

#include <cstdio>
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

std::optional<TimePoint> parse_rfc3339(const std::string& text) {
    int y, mo, d, h, mi, s;
    char sep;
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &s, &consumed) != 7 ||
        (sep != 'T' && sep != ' ' && sep != 't'))
        return std::nullopt;
    std::string rest = text.substr(consumed);
    if (!rest.empty() && rest[0] == '.') {  // fractional seconds are dropped
        size_t i = 1;
        while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) ++i;
        rest = rest.substr(i);
    }
    int offset_minutes = 0;
    if (rest == "Z" || rest == "z") {
    } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
        int oh = 0, om = 0;
        if (std::sscanf(rest.c_str() + 1, "%2d:%2d", &oh, &om) != 2) return std::nullopt;
        offset_minutes = (oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    auto ymd = date::year{y} / date::month(static_cast<unsigned>(mo)) / date::day(static_cast<unsigned>(d));
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
    return TimePoint{date::sys_days{ymd}} + std::chrono::hours{h} + minutes{mi} + seconds{s} - minutes{offset_minutes};
}

std::string to_rfc3339(TimePoint t, const std::string& zone) {
    std::string text = format_local(t, zone, "%Y-%m-%dT%H:%M:%S%z");
    text.insert(text.size() - 2, ":");
    return text;
}

}  // namespace lectern
