#include "schedule_import.h"

#include "local_time.h"
#include "toml_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace lectern {

using nlohmann::json;

std::optional<seconds> parse_schedule_duration(const std::string& text) {
    std::vector<long> parts;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, ':');) {
        if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
        parts.push_back(std::stol(part));
    }
    if (parts.size() == 2) return std::chrono::hours{parts[0]} + minutes{parts[1]};
    if (parts.size() == 3) return std::chrono::days{parts[0]} + std::chrono::hours{parts[1]} + minutes{parts[2]};
    return std::nullopt;
}

namespace {

ItemKind kind_of(std::string type) {
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    if (type.find("panel") != std::string::npos) return ItemKind::Panel;
    if (type.find("discussion") != std::string::npos || type.find("workshop") != std::string::npos) return ItemKind::Discussion;
    if (type.find("break") != std::string::npos || type.find("lunch") != std::string::npos) return ItemKind::Break;
    if (type.find("opening") != std::string::npos || type.find("closing") != std::string::npos || type.find("ceremony") != std::string::npos)
        return ItemKind::Ceremony;
    return ItemKind::Speech;
}

std::string text_of(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return "";
    if (it->is_string()) return it->get<std::string>();
    return it->dump();  // ids are numbers in frab, strings in pretalx
}

class Importer {
public:
    explicit Importer(std::string name) : name_(std::move(name)), problems_(name_) {}

    Agenda run(const json& root) {
        const json* conference = root.contains("schedule") ? &root["schedule"]["conference"] : nullptr;
        if (!conference || !conference->is_object()) {
            problems_.add("schedule.conference", "missing: this is not a frab/pretalx schedule.json export");
            problems_.throw_if_any();
        }
        agenda_.event.name = text_of(*conference, "title");
        agenda_.event.venue = "";
        agenda_.event.time_zone = text_of(*conference, "time_zone_name");
        if (agenda_.event.time_zone.empty()) agenda_.event.time_zone = "UTC", note("no time_zone_name: showing times in UTC");
        try {
            check_time_zone(agenda_.event.time_zone);
        } catch (const std::exception& e) {
            note(std::string(e.what()) + "; showing times in UTC");
            agenda_.event.time_zone = "UTC";
        }
        const json& days = (*conference)["days"];
        if (!days.is_array()) problems_.add("schedule.conference.days", "missing or not a list");
        problems_.throw_if_any();
        for (size_t d = 0; d < days.size(); ++d) {
            const json& rooms = days[d]["rooms"];
            if (!rooms.is_object()) continue;
            for (const auto& [room, talks] : rooms.items()) {
                for (size_t t = 0; talks.is_array() && t < talks.size(); ++t)
                    read_talk(talks[t], room, "schedule.conference.days[" + std::to_string(d) + "].rooms." + room + "[" + std::to_string(t) + "]");
            }
        }
        problems_.throw_if_any();
        if (agenda_.items.empty()) problems_.add("schedule.conference.days", "no talks in any room"), problems_.throw_if_any();
        settle_time_zone();
        std::stable_sort(agenda_.items.begin(), agenda_.items.end(), [](const AgendaItem& a, const AgendaItem& b) {
            return a.start != b.start ? a.start < b.start : a.room_id < b.room_id;
        });
        return std::move(agenda_);
    }

private:
    void note(std::string text) { agenda_.import_notes.push_back(name_ + ": " + std::move(text)); }

    void read_talk(const json& talk, const std::string& room, const std::string& path) {
        AgendaItem item;
        item.id = text_of(talk, "guid");
        if (item.id.empty()) item.id = text_of(talk, "id");
        if (item.id.empty()) item.id = "talk-" + std::to_string(agenda_.items.size() + 1), note(path + ": no guid or id; called it " + item.id);
        if (!ids_.insert(item.id).second) {
            note(path + ": id " + item.id + " is used twice; the second is " + item.id + "-2");
            item.id += "-2";
        }
        auto start = parse_rfc3339(text_of(talk, "date"));
        auto length = parse_schedule_duration(text_of(talk, "duration"));
        if (!start) return problems_.add(path + ".date", "must be a date-time with offset, e.g. 2024-04-29T09:00:00+08:00");
        if (!length) return problems_.add(path + ".duration", "must be HH:MM (or D:HH:MM), e.g. 00:30");
        item.start = *start;
        item.end = *start + *length;
        offsets_.insert(text_of(talk, "date").substr(19));
        item.title = text_of(talk, "title");
        if (item.title.empty()) item.title = "(untitled)", note(path + ": no title");
        item.kind = kind_of(text_of(talk, "type"));
        item.record = !talk.value("do_not_record", false);
        item.note = text_of(talk, "subtitle");
        item.room_id = room_id(room);
        for (const json& person : talk.value("persons", json::array())) {
            std::string name = text_of(person, "public_name");
            if (name.empty()) name = text_of(person, "name");
            if (name.empty()) continue;
            std::string id = text_of(person, "code");
            if (id.empty()) id = text_of(person, "id");
            if (id.empty()) id = name;
            if (!agenda_.speaker(id)) agenda_.speakers.push_back(Speaker{id, name, "", "", ""});
            item.speaker_ids.push_back(id);
        }
        agenda_.items.push_back(std::move(item));
    }

    std::string room_id(const std::string& name) {
        for (const auto& r : agenda_.rooms)
            if (r.name == name) return r.id;
        agenda_.rooms.push_back(Room{name, name});
        return name;
    }

    // pretalx writes time_zone_name "UTC" while its times carry the venue's offset: when every talk
    // has the same offset and the named zone disagrees, show the times as printed.
    void settle_time_zone() {
        if (offsets_.size() != 1) return;
        const std::string offset = *offsets_.begin();
        const std::string zone_offset = utc_offset_text(agenda_.items.front().start, agenda_.event.time_zone).substr(3);
        if (offset == zone_offset || (offset == "Z" && zone_offset == "+00:00")) return;
        int hours = 0, mins = 0;
        if (std::sscanf(offset.c_str() + 1, "%d:%d", &hours, &mins) != 2 || mins != 0) return;
        const std::string etc = hours == 0 ? "UTC" : std::string("Etc/GMT") + (offset[0] == '+' ? "-" : "+") + std::to_string(hours);
        note("time_zone_name says " + agenda_.event.time_zone + " but every talk's date carries " + offset + "; showing times at " +
             offset + " (" + etc + ")");
        agenda_.event.time_zone = etc;
    }

    std::string name_;
    ProblemList problems_;
    Agenda agenda_;
    std::set<std::string> ids_;
    std::set<std::string> offsets_;
};

int line_of(const std::string& text, size_t byte) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(std::min(byte, text.size())), '\n'));
}

}  // namespace

Agenda import_schedule_json(const std::string& text, const std::string& name) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        throw InputError({{name, line_of(text, e.byte), 0, "", std::string("JSON syntax error: ") + e.what()}});
    }
    return Importer(name).run(root);
}

Agenda import_schedule_json_file(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError({{file, 0, 0, "", "cannot be read; check the path and its permissions"}});
    std::ostringstream text;
    text << in.rdbuf();
    return import_schedule_json(text.str(), file);
}

}  // namespace lectern
