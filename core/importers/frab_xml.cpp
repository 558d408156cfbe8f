// frab/pentabarf schedule.xml (shared/schemas/frab-schedule.xml.xsd), as pretalx, frab, FOSDEM and
// the CCC congresses export it: <conference> with its time zone, <day index date start end>, <room>,
// <event guid id> with <date> (ISO 8601 with offset) or <start> + <duration>. Places are lines.
#include "schedule_draft.h"
#include "schedule_import.h"

#include "local_time.h"

#include <pugixml.hpp>

#include <sstream>

namespace lectern {
namespace {

std::string text_of(const pugi::xml_node& node, const char* child) { return node.child(child).text().as_string(); }

std::optional<date::local_days> day_of(const std::string& text) {
    date::local_days day;
    std::istringstream in(text.substr(0, 10));
    in >> date::parse("%F", day);
    if (in.fail()) return std::nullopt;
    return day;
}

class XmlReader {
public:
    XmlReader(ScheduleDraft& draft, const std::string& text) : d_(draft), lines_(text) {}

    int line(const pugi::xml_node& node) const { return lines_.line_of(static_cast<size_t>(std::max<ptrdiff_t>(0, node.offset_debug()))); }

    void conference(const pugi::xml_node& c) {
        d_.title = text_of(c, "title");
        d_.time_zone = text_of(c, "time_zone_name");
    }

    void day(const pugi::xml_node& day) {
        DraftDay span;
        if (auto s = parse_rfc3339_time(day.attribute("start").as_string())) span.start = s->at, d_.written_offsets.push_back(s->offset);
        if (auto s = parse_rfc3339(day.attribute("end").as_string())) span.end = *s;
        const int index = static_cast<int>(d_.days.size());
        d_.days.push_back(span);
        const auto date = day_of(day.attribute("date").as_string());
        for (const auto& room : day.children("room")) {
            d_.rooms.push_back(room.attribute("name").as_string());
            for (const auto& event : room.children("event")) this->event(event, room.attribute("name").as_string(), index, date);
        }
    }

    void start(const pugi::xml_node& ev, DraftEvent& e, const std::optional<date::local_days>& day) {
        const std::string written = text_of(ev, "date");
        if (auto at = parse_rfc3339_time(written)) {
            e.start = at->at;
            if (!at->utc) e.offset = at->offset;
            return;
        }
        if (starts_with_date_time(written)) {  // a date-time without an offset: local
            date::local_seconds local;
            std::istringstream in(written.substr(0, 19));
            in >> date::parse("%FT%T", local);
            if (!in.fail()) return void(e.local_start = local);
        }
        auto clock = parse_schedule_duration(text_of(ev, "start"));
        if (day && clock && *clock < std::chrono::hours{24}) {
            e.local_start = *day + *clock;
            e.from_day_clock = true;
            return;
        }
        d_.problem(e, "<date> must be a date-time with offset (e.g. 2024-04-29T09:00:00+08:00), or <start> HH:MM inside a <day date>");
    }

    void event(const pugi::xml_node& ev, const std::string& room, int day, const std::optional<date::local_days>& date) {
        DraftEvent e;
        e.line = line(ev);
        e.where = "event";
        e.day = day;
        e.id = ev.attribute("guid").as_string();
        if (e.id.empty()) e.id = ev.attribute("id").as_string();
        e.room = text_of(ev, "room");
        if (e.room.empty()) e.room = room;
        start(ev, e, date);
        if (auto length = parse_schedule_duration(text_of(ev, "duration"))) e.duration = *length;
        else d_.problem(e, "<duration> must be HH:MM (or D:HH:MM), e.g. 00:30");
        e.title = text_of(ev, "title");
        e.subtitle = text_of(ev, "subtitle");
        e.type = text_of(ev, "type");
        e.track = text_of(ev, "track");
        e.language = text_of(ev, "language");
        const std::string optout = ev.child("recording").child("optout").text().as_string();
        e.record = !(optout == "true" || optout == "1");
        for (const auto& person : ev.child("persons").children("person"))
            e.persons.push_back({person.attribute("guid").as_string(person.attribute("id").as_string()), person.text().as_string()});
        d_.events.push_back(std::move(e));
    }

private:
    ScheduleDraft& d_;
    LineIndex lines_;
};

}  // namespace

Agenda import_frab_xml(const std::string& text, const std::string& name) {
    ScheduleDraft draft;
    draft.source = name;
    draft.format = "schedule.xml";
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
    if (!parsed) {
        LineIndex lines(text);
        throw InputError({{name, lines.line_of(static_cast<size_t>(std::max<ptrdiff_t>(0, parsed.offset))), 1, "",
                           std::string("XML syntax error: ") + parsed.description()}});
    }
    const pugi::xml_node schedule = doc.child("schedule");
    if (!schedule) throw InputError({{name, 1, 1, "", "has no <schedule> root element: this is not a frab/pentabarf schedule.xml"}});
    XmlReader reader(draft, text);
    reader.conference(schedule.child("conference"));
    for (const auto& day : schedule.children("day")) reader.day(day);
    draft.throw_if_problems();
    return finish_draft(std::move(draft));
}

}  // namespace lectern
