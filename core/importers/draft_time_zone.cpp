#include "draft_time_zone.h"

#include "local_time.h"

#include <date/tz.h>

#include <cstdio>
#include <set>

namespace lectern {
namespace {

struct Sample {
    TimePoint at;
    minutes offset;
};

bool zone_fits(const date::time_zone& zone, const std::vector<Sample>& samples) {
    for (const auto& s : samples)
        if (std::chrono::duration_cast<minutes>(zone.get_info(s.at).offset) != s.offset) return false;
    return true;
}

// A zone that had every sample's offset at its instant: Etc/GMT±N for one whole-hour offset (the
// tz database's sign is inverted there), else the first zone of the database that fits.
std::string zone_for(const std::vector<Sample>& samples, const std::set<long long>& offsets) {
    if (offsets.size() == 1 && *offsets.begin() % 60 == 0) {
        const long long hours = *offsets.begin() / 60;
        return hours == 0 ? "UTC" : std::string("Etc/GMT") + (hours > 0 ? "-" : "+") + std::to_string(std::llabs(hours));
    }
    for (const auto& zone : date::get_tzdb().zones)
        if (zone.name().find('/') != std::string::npos && zone_fits(zone, samples)) return std::string(zone.name());
    return "";
}

std::string offsets_text(const std::set<long long>& offsets) {
    std::string text;
    for (long long o : offsets) text += (text.empty() ? "" : ", ") + offset_text(minutes{o});
    return text;
}

}  // namespace

std::string offset_text(minutes offset) {
    const long long m = offset.count();
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%c%02lld:%02lld", m < 0 ? '-' : '+', std::llabs(m) / 60, std::llabs(m) % 60);
    return buffer;
}

void settle_time_zone(ScheduleDraft& draft) {
    std::vector<Sample> samples;
    std::set<long long> offsets, impossible;
    auto sample = [&](TimePoint at, minutes offset) {
        if (offset < kMinUtcOffset || offset > kMaxUtcOffset) {
            impossible.insert(offset.count());
            return;
        }
        if (offsets.insert(offset.count()).second || samples.size() < 64) samples.push_back({at, offset});
    };
    for (const auto& e : draft.events)
        if (e.start && e.offset) sample(*e.start, *e.offset);
    const TimePoint first = samples.empty() ? TimePoint{} : samples.front().at;
    for (minutes o : draft.written_offsets) sample(first, o);

    std::vector<std::string> notes;
    for (long long o : impossible)
        notes.push_back("a time is written with offset " + offset_text(minutes{o}) +
                        ", beyond the −12:00…+14:00 that time zones use; read as the instant it names, not used to guess the zone");

    const date::time_zone* named = nullptr;
    if (!draft.time_zone.empty()) {
        try {
            named = date::locate_zone(draft.time_zone);
        } catch (const std::exception&) {
            notes.push_back("the time zone \"" + draft.time_zone + "\" is not a known IANA name");
        }
    } else {
        notes.push_back("the file names no time zone");
    }
    if (named && (samples.empty() || zone_fits(*named, samples))) {
        draft.time_zone = std::string(named->name());
    } else if (std::string guess = samples.empty() ? "" : zone_for(samples, offsets); !guess.empty()) {
        if (named)
            notes.push_back("the file names the time zone " + draft.time_zone + " but its times carry " + offsets_text(offsets) +
                            "; showing times at " + offsets_text(offsets) + " (" + guess + ")");
        else
            notes.back() += "; the times carry " + offsets_text(offsets) + ", so they are shown in " + guess;
        draft.time_zone = guess;
    } else if (named) {
        notes.push_back("the times carry " + offsets_text(offsets) + ", which no single time zone explains; showing them in " +
                        draft.time_zone);
        draft.time_zone = std::string(named->name());
    } else {
        notes.back() += samples.empty() ? "; showing times in UTC" : "; its offsets fit no time zone, showing times in UTC";
        draft.time_zone = "UTC";
    }
    draft.notes.insert(draft.notes.begin(), notes.begin(), notes.end());
}

}  // namespace lectern
