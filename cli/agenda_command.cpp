// `lectern agenda show [FILE|URL] [--json] [--secret NAME]`: an agenda in its own time zone, with what
// the importer noted; `lectern agenda diff OLD NEW`: the changes a reload would announce.
#include "commands.h"

#include "agenda_diff.h"
#include "agenda_fetch.h"
#include "agenda_file.h"
#include "schedule_import.h"
#include "secrets.h"
#include "local_time.h"
#include "toml_reader.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace lectern {
namespace {

nlohmann::json to_json(const Agenda& a) {
    const std::string& zone = a.event.time_zone;
    nlohmann::json j;
    j["event"] = {{"name", a.event.name}, {"venue", a.event.venue}, {"time_zone", zone}};
    j["import_notes"] = a.import_notes;
    for (const auto& r : a.rooms) j["rooms"].push_back({{"id", r.id}, {"name", r.name}});
    for (const auto& s : a.speakers)
        j["speakers"].push_back({{"id", s.id}, {"name", s.name}, {"native_name", s.native_name},
                                 {"affiliation", s.affiliation}, {"role", s.role}});
    for (const auto& i : a.items)
        j["items"].push_back({{"id", i.id}, {"room", i.room_id}, {"start", to_rfc3339(i.start, zone)},
                              {"end", to_rfc3339(i.end, zone)}, {"title", i.title}, {"kind", to_string(i.kind)},
                              {"speakers", i.speaker_ids}, {"presider", i.presider_id}, {"record", i.record},
                              {"track", i.track}, {"language", i.language}});
    return j;
}

void print_text(const Agenda& a) {
    const std::string& zone = a.event.time_zone;
    std::cout << a.event.name << "\n" << (a.event.venue.empty() ? "" : a.event.venue + " — ") << "times in " << zone << "\n";
    for (const auto& note : a.import_notes) std::cout << "note: " << note << "\n";
    std::string day;
    for (const auto& i : a.items) {
        std::string this_day = date_text(i.start, zone);
        if (this_day != day) std::cout << "\n" << (day = this_day) << "\n";
        const Room* room = a.room(i.room_id);
        std::cout << "  " << clock_text(i.start, zone) << "–" << clock_text(i.end, zone) << "  [" << (room ? room->name : i.room_id)
                  << "] " << i.title;
        if (std::string who = speaker_line(a, i); !who.empty()) std::cout << " — " << who;
        std::cout << "\n";
    }
}

bool is_url(const std::string& source) { return source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0; }

// A file, or one fetch of a URL (credentials from the environment's LECTERN_SECRET_<NAME>_*).
Agenda load_source(const std::string& source, const std::string& secret) {
    if (source.empty()) return demo_agenda();
    if (!is_url(source)) return load_agenda_file(source);
    FetchRequest request;
    request.url = source;
    if (!secret.empty()) {
        const TargetSecret s = Secrets{}.get(secret);
        request.credentials = {s.user, s.password};
    }
    FetchResult fetched = fetch_schedule(request);
    if (fetched.outcome != FetchResult::Outcome::Fresh) throw InputError({{display_url(source), 0, 0, "", fetched.error}});
    return import_schedule(fetched.body, display_url(source));
}

}  // namespace

// `lectern agenda diff OLD NEW`: what a reload from OLD to NEW would announce.
int run_diff(const std::vector<std::string>& args) {
    if (args.size() != 3) {
        std::cerr << "usage: lectern agenda diff OLD NEW   (files or URLs, any format)\n";
        return kExitBadInput;
    }
    try {
        const Agenda before = load_source(args[1], "");
        const Agenda after = load_source(args[2], "");
        const auto changes = diff_agendas(before, after);
        for (const auto& c : changes) std::cout << to_string(c.kind) << "\t" << c.item_id << "\t" << c.title << " — " << c.detail << "\n";
        if (changes.empty()) std::cout << "no changes\n";
        return kExitOk;
    } catch (const InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
}

int run_agenda_command(const std::vector<std::string>& args) {
    if (!args.empty() && args[0] == "diff") return run_diff(args);
    if (args.empty() || args[0] != "show") {
        std::cerr << "usage: lectern agenda show [FILE|URL] [--json] [--secret NAME]\n       lectern agenda diff OLD NEW\n";
        return kExitBadInput;
    }
    std::string file, secret;
    bool json = false;
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--json")
            json = true;
        else if (args[i] == "--secret" && i + 1 < args.size())
            secret = args[++i];
        else
            file = args[i];
    }
    try {
        Agenda agenda = load_source(file, secret);
        if (json)
            std::cout << to_json(agenda).dump(2) << "\n";
        else
            print_text(agenda);
        return kExitOk;
    } catch (const InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
}

}  // namespace lectern
