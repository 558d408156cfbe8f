#include "agenda_file.h"

#include "local_time.h"
#include "schedule_import.h"
#include "toml_reader.h"

#include <algorithm>
#include <map>
#include <set>

namespace lectern {

extern const char* const kDemoAgendaToml;  // generated from config/demo-agenda.toml

namespace {

ItemKind kind_from(const std::string& text) {
    if (text == "panel") return ItemKind::Panel;
    if (text == "discussion") return ItemKind::Discussion;
    if (text == "break") return ItemKind::Break;
    if (text == "ceremony") return ItemKind::Ceremony;
    return ItemKind::Speech;
}

// An instant from a TOML offset date-time, a local date-time (read in the event's zone) or text.
std::optional<TimePoint> read_instant(TableReader& r, std::string_view key, const std::string& zone, bool zone_ok) {
    const toml::node* node = r.raw(key);
    if (!node) {
        r.problem(key, "is required, e.g. " + std::string(key) + " = 2024-04-29T09:00:00+08:00");
        return std::nullopt;
    }
    if (auto dt = node->value<toml::date_time>()) {
        const auto& d = dt->date;
        const auto& t = dt->time;
        if (dt->offset) {
            TimePoint local = from_local(d.year, d.month, d.day, t.hour, t.minute, t.second, "UTC");
            return local - minutes{dt->offset->minutes};
        }
        if (!zone_ok) return std::nullopt;  // the zone problem is reported once, at [event]
        return from_local(d.year, d.month, d.day, t.hour, t.minute, t.second, zone);
    }
    if (auto text = node->value<std::string>()) {
        if (auto parsed = parse_rfc3339(*text)) return parsed;
    }
    r.problem(key, "must be a date and time, e.g. 2024-04-29T09:00:00+08:00 (or without the offset, read in the event's time_zone)");
    return std::nullopt;
}

void read_event(TableReader r, Event& event, bool& zone_ok) {
    event.name = r.text("name", "", true);
    event.venue = r.text("venue", "");
    event.time_zone = r.text("time_zone", "", true);
    zone_ok = false;
    if (!event.time_zone.empty()) {
        try {
            check_time_zone(event.time_zone);
            zone_ok = true;
        } catch (const std::exception& e) {
            r.problem("time_zone", e.what());
        }
    }
    r.finish();
}

Agenda read(const toml::table& root, const std::string& name) {
    ProblemList problems(name);
    Agenda agenda;
    TableReader top(root, "", problems);
    bool zone_ok = false;
    read_event(top.table("event"), agenda.event, zone_ok);

    std::set<std::string> room_ids, speaker_ids, item_ids;
    top.each_table("rooms", [&](TableReader& r) {
        Room room{r.text("id", "", true), r.text("name", "", true)};
        if (!room.id.empty() && !room_ids.insert(room.id).second) r.problem("id", "\"" + room.id + "\" is used by another room");
        agenda.rooms.push_back(room);
    });
    top.each_table("speakers", [&](TableReader& r) {
        Speaker s;
        s.id = r.text("id", "", true);
        s.name = r.text("name", "", true);
        s.native_name = r.text("native_name", "");
        s.affiliation = r.text("affiliation", "");
        s.role = r.text("role", "");
        if (!s.id.empty() && !speaker_ids.insert(s.id).second) r.problem("id", "\"" + s.id + "\" is used by another speaker");
        agenda.speakers.push_back(s);
    });
    top.each_table("items", [&](TableReader& r) {
        AgendaItem item;
        item.id = r.text("id", "", true);
        if (!item.id.empty() && !item_ids.insert(item.id).second) r.problem("id", "\"" + item.id + "\" is used by another item");
        item.room_id = r.text("room", agenda.rooms.size() == 1 ? agenda.rooms.front().id : "", agenda.rooms.size() != 1);
        if (!item.room_id.empty() && !room_ids.count(item.room_id))
            r.problem("room", "\"" + item.room_id + "\" is not one of the [[rooms]] ids");
        item.title = r.text("title", "", true);
        item.kind = kind_from(r.choice("kind", "speech", {"speech", "panel", "discussion", "break", "ceremony"}));
        item.note = r.text("note", "");
        item.record = r.boolean("record", true);
        item.speaker_ids = r.text_list("speakers");
        for (const auto& id : item.speaker_ids)
            if (!speaker_ids.count(id)) r.problem("speakers", "\"" + id + "\" is not one of the [[speakers]] ids");
        item.presider_id = r.text("presider", "");
        if (!item.presider_id.empty() && !speaker_ids.count(item.presider_id))
            r.problem("presider", "\"" + item.presider_id + "\" is not one of the [[speakers]] ids");
        auto start = read_instant(r, "start", agenda.event.time_zone, zone_ok);
        auto end = read_instant(r, "end", agenda.event.time_zone, zone_ok);
        if (start && end && *end <= *start) r.problem("end", "must be after start");
        if (start) item.start = *start;
        if (end) item.end = *end;
        agenda.items.push_back(item);
    });
    top.finish();
    if (agenda.rooms.empty()) problems.add("rooms", "the agenda needs at least one [[rooms]] table with id and name");
    problems.throw_if_any();

    std::stable_sort(agenda.items.begin(), agenda.items.end(), [](const AgendaItem& a, const AgendaItem& b) {
        return a.start != b.start ? a.start < b.start : a.room_id < b.room_id;
    });
    return agenda;
}

}  // namespace

Agenda load_agenda_file(const std::string& file) { return import_schedule(read_schedule_file(file), file); }

Agenda load_agenda_text(const std::string& text, const std::string& name) { return read(parse_toml_text(text, name), name); }

const std::string& demo_agenda_text() {
    static const std::string text = kDemoAgendaToml;
    return text;
}

Agenda demo_agenda() {
    Agenda agenda = load_agenda_text(demo_agenda_text(), "(embedded demo agenda)");
    agenda.demo = true;
    return agenda;
}

void move_demo_to_now(Agenda& agenda, TimePoint now, minutes lead) {
    if (agenda.items.empty()) return;
    auto target = std::chrono::floor<minutes>(now) - lead;
    move_agenda(agenda, target - agenda.items.front().start);
}

}  // namespace lectern
