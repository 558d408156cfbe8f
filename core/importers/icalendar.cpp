// iCalendar (.ics, RFC 5545) with libical, as calendars and Opencast hand a capture agent its
// schedule: each VEVENT is an event (SUMMARY, DTSTART/DTEND/DURATION with TZID, floating or UTC
// times, VTIMEZONE, RRULE expanded with EXDATE and RECURRENCE-ID, LOCATION as the room, ATTENDEE or
// ORGANIZER names, else "Speaker:" lines of DESCRIPTION, as speakers). Places are lines.
#include "schedule_draft.h"
#include "schedule_import.h"

#include <libical/ical.h>

#include <date/tz.h>

#include <cstring>
#include <memory>
#include <set>
#include <sstream>

namespace lectern {
namespace {

using IcalPtr = std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)>;

constexpr int kMaxOccurrences = 2000;  // per recurring event: an RRULE cannot flood the programme

struct Instant {
    std::optional<TimePoint> at;
    std::optional<minutes> offset;
    std::optional<date::local_seconds> local;
};

date::local_seconds local_of(const icaltimetype& t) {
    return date::local_days{date::year{t.year} / static_cast<unsigned>(t.month) / static_cast<unsigned>(t.day)} +
           std::chrono::hours{t.hour} + minutes{t.minute} + seconds{t.second};
}

const char* tzid_of(icalproperty* prop) {
    icalparameter* p = prop ? icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER) : nullptr;
    return p ? icalparameter_get_tzid(p) : nullptr;
}

// An iCalendar time as an instant (UTC, or zoned by a VTIMEZONE or an IANA TZID) or a floating local time.
Instant instant_of(const icaltimetype& t, const char* tzid) {
    Instant out;
    const date::local_seconds local = local_of(t);
    if (icaltime_is_utc(t)) {
        out.at = TimePoint{local.time_since_epoch()};
    } else if (t.zone) {
        out.at = TimePoint{seconds{icaltime_as_timet_with_zone(t, t.zone)}};  // t's own zone to UTC
        out.offset = std::chrono::duration_cast<minutes>(local.time_since_epoch() - out.at->time_since_epoch());
    } else if (tzid) {
        try {
            const date::time_zone* zone = date::locate_zone(tzid);
            out.at = date::floor<seconds>(zone->to_sys(local, date::choose::earliest));
            out.offset = std::chrono::duration_cast<minutes>(zone->get_info(*out.at).offset);
        } catch (const std::exception&) {
            out.local = local;  // an unknown TZID without VTIMEZONE: read in the event's zone
        }
    } else {
        out.local = local;
    }
    return out;
}

std::string cn_of(icalproperty* prop) {
    icalparameter* cn = icalproperty_get_first_parameter(prop, ICAL_CN_PARAMETER);
    return cn && icalparameter_get_cn(cn) ? icalparameter_get_cn(cn) : "";
}

std::vector<DraftPerson> speakers_of(icalcomponent* ev) {
    std::vector<DraftPerson> out;
    for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY))
        if (std::string name = cn_of(p); !name.empty()) out.push_back({"", name});
    if (out.empty())
        if (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY))
            if (std::string name = cn_of(p); !name.empty()) out.push_back({"", name});
    if (!out.empty()) return out;
    const char* description = icalcomponent_get_description(ev);
    std::istringstream lines(description ? description : "");
    for (std::string line; std::getline(lines, line);) {
        for (const char* label : {"Speakers:", "Speaker:", "Presenters:", "Presenter:"}) {
            if (line.rfind(label, 0) != 0) continue;
            std::istringstream names(line.substr(std::strlen(label)));
            for (std::string name; std::getline(names, name, ',');) out.push_back({"", name});
        }
    }
    return out;
}

class IcalReader {
public:
    IcalReader(ScheduleDraft& draft, const std::string& text) : d_(draft) {
        LineIndex index(text);
        for (size_t at = text.find("BEGIN:VEVENT"); at != std::string::npos; at = text.find("BEGIN:VEVENT", at + 1))
            vevent_lines_.push_back(index.line_of(at));
    }

    void calendar(icalcomponent* cal) {
        for (icalproperty* p = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); p;
             p = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY)) {
            const char* name = icalproperty_get_x_name(p);
            const char* value = icalproperty_get_x(p);
            if (!name || !value) continue;
            if (std::strcmp(name, "X-WR-CALNAME") == 0) d_.title = value;
            if (std::strcmp(name, "X-WR-TIMEZONE") == 0) d_.time_zone = value;
        }
        // Overrides of single occurrences (RECURRENCE-ID) replace the generated ones.
        for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
             ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
            icaltimetype rid = icalcomponent_get_recurrenceid(ev);
            if (!icaltime_is_null_time(rid) && icalcomponent_get_uid(ev))
                overridden_.insert(std::string(icalcomponent_get_uid(ev)) + "@" + std::to_string(icaltime_as_timet_with_zone(rid, nullptr)));
        }
        int index = 0;
        for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
             ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), ++index)
            event(ev, index < static_cast<int>(vevent_lines_.size()) ? vevent_lines_[static_cast<size_t>(index)] : 0);
    }

    void event(icalcomponent* ev, int line) {
        for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY); p;
             p = icalcomponent_get_next_property(ev, ICAL_XLICERROR_PROPERTY))
            if (d_.notes.size() < 100) d_.notes.push_back("line " + std::to_string(line) + ": " + icalproperty_get_xlicerror(p));
        DraftEvent e;
        e.line = line;
        e.where = "VEVENT";
        const char* uid = icalcomponent_get_uid(ev);
        e.id = uid ? uid : "";
        // An override of one occurrence takes that occurrence's id, so that moving it upstream is
        // told as "moved", not as one item cancelled and another added.
        if (const icaltimetype rid = icalcomponent_get_recurrenceid(ev); !icaltime_is_null_time(rid) && !e.id.empty())
            e.id += std::string("@") + icaltime_as_ical_string(rid);
        e.title = icalcomponent_get_summary(ev) ? icalcomponent_get_summary(ev) : "";
        e.room = icalcomponent_get_location(ev) ? icalcomponent_get_location(ev) : "";
        e.persons = speakers_of(ev);
        icalproperty* start_prop = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
        const icaltimetype start = icalcomponent_get_dtstart(ev);
        if (!start_prop || icaltime_is_null_time(start) || !icaltime_is_valid_time(start))
            return d_.problem(e, "has no DTSTART that can be read, e.g. DTSTART;TZID=Europe/Berlin:20240501T100000");
        const icaltimetype end = icalcomponent_get_dtend(ev);
        const bool has_end = !icaltime_is_null_time(end) && icaltime_is_valid_time(end);
        const long long length = has_end ? static_cast<long long>(icaltime_as_timet_with_zone(end, end.zone)) -
                                               static_cast<long long>(icaltime_as_timet_with_zone(start, start.zone))
                                         : (start.is_date ? 86400 : 0);
        if (length < 0) return d_.problem(e, "ends before it starts");
        e.duration = seconds{length};
        const char* tzid = tzid_of(start_prop);
        if (d_.time_zone.empty() && tzid) d_.time_zone = start.zone && icaltimezone_get_location(const_cast<icaltimezone*>(start.zone))
                                                           ? icaltimezone_get_location(const_cast<icaltimezone*>(start.zone))
                                                           : tzid;
        icalproperty* rrule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
        if (!rrule) return add(std::move(e), start, tzid, "");
        std::set<time_t> excluded;
        for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
             p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY))
            excluded.insert(icaltime_as_timet_with_zone(icalproperty_get_exdate(p), nullptr));
        std::unique_ptr<icalrecur_iterator, decltype(&icalrecur_iterator_free)> it(
            icalrecur_iterator_new(icalproperty_get_rrule(rrule), start), icalrecur_iterator_free);
        int count = 0;
        for (icaltimetype next = it ? icalrecur_iterator_next(it.get()) : icaltime_null_time(); !icaltime_is_null_time(next);
             next = icalrecur_iterator_next(it.get())) {
            if (++count > kMaxOccurrences || next.year > start.year + 5) {
                d_.notes.push_back("line " + std::to_string(line) + ": the RRULE repeats more than " + std::to_string(kMaxOccurrences) +
                                   " times or beyond five years; only the occurrences before that are shown");
                break;
            }
            const time_t key = icaltime_as_timet_with_zone(next, nullptr);
            if (excluded.count(key) || overridden_.count(e.id + "@" + std::to_string(key))) continue;
            add(e, next, tzid, std::string("@") + icaltime_as_ical_string(next));
        }
    }

    void add(DraftEvent e, const icaltimetype& start, const char* tzid, const std::string& occurrence) {
        Instant at = instant_of(start, tzid);
        e.start = at.at;
        e.offset = at.offset;
        e.local_start = at.local;
        if (!e.id.empty() && !occurrence.empty()) e.id += occurrence;
        if (start.is_date) all_day_ = true;
        d_.events.push_back(std::move(e));
    }

    bool all_day_ = false;

private:
    ScheduleDraft& d_;
    std::vector<int> vevent_lines_;
    std::set<std::string> overridden_;
};

}  // namespace

Agenda import_icalendar(const std::string& text, const std::string& name) {
    ScheduleDraft draft;
    draft.source = name;
    draft.format = "iCalendar";
    IcalPtr root(icalparser_parse_string(text.c_str()), icalcomponent_free);
    if (!root || icalcomponent_isa(root.get()) != ICAL_VCALENDAR_COMPONENT)
        throw InputError({{name, 1, 1, "", "is not an iCalendar file that can be read: it needs BEGIN:VCALENDAR … END:VCALENDAR"}});
    IcalReader reader(draft, text);
    reader.calendar(root.get());
    if (reader.all_day_) draft.notes.push_back("some events are all-day (DTSTART as a date); shown from midnight to midnight");
    draft.throw_if_problems();
    return finish_draft(std::move(draft));
}

}  // namespace lectern
