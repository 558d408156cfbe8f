// schedule JSON: v1 (frab/pretalx "schedule.json": schedule.conference.days[].rooms{name: [talks]})
// and v2 (newer CCC tools: top-level "events" and "persons" lists, rooms named by each event).
// Values are read leniently (ids may be numbers, fields may be null); places are JSON paths.
#include "schedule_draft.h"
#include "schedule_import.h"

#include "local_time.h"

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

namespace lectern {
namespace {

using nlohmann::json;

class JsonReader {
public:
    explicit JsonReader(ScheduleDraft& draft) : d_(draft) {}

    // Text of a field; numbers and booleans as written, null or absent as "", lists and objects noted.
    std::string text(const json& j, const char* key, const std::string& path) {
        if (!j.is_object()) return "";
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) return "";
        if (it->is_string()) return it->get<std::string>();
        if (it->is_number() || it->is_boolean()) return it->dump();
        if (d_.notes.size() < 100) d_.notes.push_back(path + "." + key + " is " + it->type_name() + ", not text; ignored");
        return "";
    }

    bool flag(const json& j, const char* key) {
        if (!j.is_object()) return false;
        auto it = j.find(key);
        if (it == j.end()) return false;
        if (it->is_boolean()) return it->get<bool>();
        if (it->is_string()) return *it == "true" || *it == "1" || *it == "yes";
        return it->is_number() && it->get<double>() != 0;
    }

    void start(const json& talk, DraftEvent& e, const std::string& day_date) {
        const std::string date = text(talk, "date", e.where);
        if (auto at = parse_rfc3339_time(date)) {
            e.start = at->at;
            if (!at->utc) e.offset = at->offset;
            return;
        }
        if (starts_with_date_time(date)) {  // a date-time without offset: local
            date::local_seconds local;
            std::istringstream in(date.substr(0, 19));
            in >> date::parse("%FT%T", local);
            if (!in.fail()) return void(e.local_start = local);
        }
        const std::string clock = text(talk, "start", e.where);
        auto time = parse_schedule_duration(clock);
        date::local_days day;
        std::istringstream in(day_date.substr(0, 10));
        in >> date::parse("%F", day);
        if (time && *time < std::chrono::hours{24} && !in.fail()) {
            e.local_start = day + *time;
            e.from_day_clock = true;
            return;
        }
        d_.problem(0, e.where + ".date", "must be a date-time with offset, e.g. 2024-04-29T09:00:00+08:00");
    }

    void event(const json& talk, DraftEvent e, const std::string& day_date) {
        if (!talk.is_object()) return d_.problem(0, e.where, "is " + std::string(talk.type_name()) + ", not an event object");
        e.id = text(talk, "guid", e.where);
        if (e.id.empty()) e.id = text(talk, "id", e.where);
        if (e.room.empty()) e.room = text(talk, "room", e.where);
        start(talk, e, day_date);
        const std::string duration = text(talk, "duration", e.where);
        if (auto length = parse_schedule_duration(duration)) e.duration = *length;
        else if (auto end = parse_rfc3339(text(talk, "end", e.where))) e.end = *end;
        else return d_.problem(0, e.where + ".duration", "must be HH:MM (or D:HH:MM), e.g. 00:30");
        e.title = text(talk, "title", e.where);
        e.subtitle = text(talk, "subtitle", e.where);
        e.type = text(talk, "type", e.where);
        e.track = text(talk, "track", e.where);
        e.language = text(talk, "language", e.where);
        e.record = !flag(talk, "do_not_record") && !(talk.contains("recording") && flag(talk["recording"], "optout"));
        if (auto p = talk.find("persons"); p != talk.end() && p->is_array())
            for (const json& person : *p) e.persons.push_back(this->person(person, e.where));
        d_.events.push_back(std::move(e));
    }

    DraftPerson person(const json& p, const std::string& where) {
        if (p.is_string()) {  // v2 may name a person by id only
            auto known = persons_.find(p.get<std::string>());
            return known != persons_.end() ? known->second : DraftPerson{p.get<std::string>(), ""};
        }
        DraftPerson out;
        out.name = text(p, "public_name", where);
        if (out.name.empty()) out.name = text(p, "name", where);
        for (const char* key : {"code", "guid", "id"})
            if (out.id.empty()) out.id = text(p, key, where);
        if (out.name.empty() && persons_.count(out.id)) return persons_[out.id];
        return out;
    }

    void v1(const json& conference) {
        // find, not operator[]: a const json's operator[] on a missing key is undefined (found by tests/fuzz).
        const auto found = conference.find("days");
        if (found == conference.end() || !found->is_array()) return d_.problem(0, "schedule.conference.days", "missing or not a list");
        const json& days = *found;
        for (size_t di = 0; di < days.size(); ++di) {
            const json& day = days[di];
            const std::string path = "schedule.conference.days[" + std::to_string(di) + "]";
            DraftDay span;
            if (auto s = parse_rfc3339_time(text(day, "day_start", path))) span.start = s->at, d_.written_offsets.push_back(s->offset);
            if (auto s = parse_rfc3339(text(day, "day_end", path))) span.end = *s;
            d_.days.push_back(span);
            if (!day.is_object() || !day.contains("rooms") || !day["rooms"].is_object()) continue;
            for (const auto& [room, talks] : day["rooms"].items()) {
                d_.rooms.push_back(room);
                for (size_t t = 0; talks.is_array() && t < talks.size(); ++t) {
                    DraftEvent e;
                    e.where = path + ".rooms." + room + "[" + std::to_string(t) + "]";
                    e.room = room;
                    e.day = static_cast<int>(di);
                    event(talks[t], std::move(e), text(day, "date", path));
                }
            }
        }
    }

    void v2(const json& root, const std::string& path) {
        if (const auto p = root.find("persons"); p != root.end() && p->is_array())
            for (const json& person : *p) {
                DraftPerson known = this->person(person, path + ".persons");
                if (!known.id.empty()) persons_[known.id] = known;
            }
        if (const auto r = root.find("rooms"); r != root.end() && r->is_array())
            for (const json& room : *r) d_.rooms.push_back(room.is_string() ? room.get<std::string>() : text(room, "name", path + ".rooms"));
        const json& events = root["events"];
        for (size_t i = 0; i < events.size(); ++i) {
            DraftEvent e;
            e.where = (path.empty() ? "" : path + ".") + "events[" + std::to_string(i) + "]";
            event(events[i], std::move(e), "");
        }
    }

private:
    ScheduleDraft& d_;
    std::map<std::string, DraftPerson> persons_;
};

}  // namespace

Agenda import_schedule_json(const std::string& text, const std::string& name) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception& e) {
        LineIndex lines(text);
        const auto* parse = dynamic_cast<const json::parse_error*>(&e);
        throw InputError({{name, parse ? lines.line_of(parse->byte ? parse->byte - 1 : 0) : 0, 0, "", std::string("JSON syntax error: ") + e.what()}});
    }
    ScheduleDraft draft;
    draft.source = name;
    JsonReader reader(draft);
    // v2 keeps "events" at the top (or under "schedule"); v1 nests talks in conference days.
    const json* v2 = root.is_object() && root.contains("events") && root["events"].is_array() ? &root : nullptr;
    std::string v2_path = "";
    if (!v2 && root.is_object() && root.contains("schedule") && root["schedule"].is_object() && root["schedule"].contains("events") &&
        root["schedule"]["events"].is_array())
        v2 = &root["schedule"], v2_path = "schedule";
    const json* conference = nullptr;
    for (const json* holder : std::initializer_list<const json*>{&root, v2})
        if (holder && holder->is_object()) {
            if (holder->contains("conference") && (*holder)["conference"].is_object()) conference = &(*holder)["conference"];
            if (holder->contains("schedule") && (*holder)["schedule"].is_object() && (*holder)["schedule"].contains("conference") &&
                (*holder)["schedule"]["conference"].is_object())
                conference = &(*holder)["schedule"]["conference"];
        }
    if (!v2 && !conference) throw InputError({{name, 0, 0, "schedule.conference", "missing: this is not a frab/pretalx schedule.json export"}});
    draft.format = v2 ? "schedule JSON v2" : "schedule JSON";
    const json& meta = conference ? *conference : *v2;
    draft.title = reader.text(meta, "title", "conference");
    draft.time_zone = reader.text(meta, "time_zone_name", "conference");
    if (v2)
        reader.v2(*v2, v2_path.empty() ? "" : v2_path);
    else
        reader.v1(*conference);
    draft.throw_if_problems();
    return finish_draft(std::move(draft));
}

}  // namespace lectern
