#include "commands.h"

#include "agenda_file.h"
#include "kiosk_options.h"
#include "lectern_config.h"
#include "local_time.h"
#include "operator_access.h"
#include "toml_reader.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <stdexcept>

#include <unistd.h>

namespace lectern {

void print_usage() {
    std::puts(R"(Lectern — conference-room agenda, recording and upload kiosk

  lectern [--config FILE] [--screen lobby|room|timer] [--room ID] [--windowed]
      start the kiosk (fullscreen); with no config: demo agenda, synthetic camera, local archive
  lectern --screenshot OUT.png [--screen NAME] [--size WxH] [--at 2024-04-29T09:40:00+08:00]
          [--config FILE] [--room ID] [--search TEXT] [--keyboard] [--message TEXT]
          [--state FILE.json]   (--screen also takes "operator" and "pin"; the state file sets recorder/uploads)
      render one frame offscreen (no display needed) and write a PNG
  lectern check-config FILE         validate a configuration file (exit 2 when it has problems)
  lectern hash-pin                  read a console PIN on standard input, print its hash for
                                    [operator] pin_hash
  lectern agenda show [FILE] [--json]
      print an agenda in its time zone (no FILE: the embedded demo)
  lectern record [--config FILE] [--out DIR] [--duration 30s]   record without a display
  lectern devices                   list cameras and audio cards
  lectern uploads list|retry|pause|cancel [ID] [--json]        the upload queue
)");
}

int run_check_config_command(const std::vector<std::string>& args) {
    if (args.size() != 1) {
        std::cerr << "usage: lectern check-config FILE\n";
        return kExitBadInput;
    }
    try {
        LecternConfig config = load_config(args[0]);
        if (const std::string& hash = config.operator_console.pin_hash; !hash.empty() && !pin_hash_problem(hash).empty())
            throw InputError({{args[0], 0, 0, "operator.pin_hash", pin_hash_problem(hash)}});
        if (!config.agenda.file.empty()) load_agenda_file(config.agenda.file);
        std::cout << args[0] << ": OK\n";
        return kExitOk;
    } catch (const InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
}

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
                              {"speakers", i.speaker_ids}, {"presider", i.presider_id}, {"record", i.record}});
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

}  // namespace

int run_agenda_command(const std::vector<std::string>& args) {
    if (args.empty() || args[0] != "show") {
        std::cerr << "usage: lectern agenda show [FILE] [--json]\n";
        return kExitBadInput;
    }
    std::string file;
    bool json = false;
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--json")
            json = true;
        else
            file = args[i];
    }
    try {
        Agenda agenda = file.empty() ? demo_agenda() : load_agenda_file(file);
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

int run_hash_pin_command(const std::vector<std::string>& args) {
    if (!args.empty()) {
        std::cerr << "usage: lectern hash-pin   (then type the PIN and press Enter)\n";
        return kExitBadInput;
    }
    if (isatty(STDIN_FILENO)) std::cerr << "PIN (4 to 12 digits): " << std::flush;
    std::string pin;
    std::getline(std::cin, pin);
    if (pin.size() < 4 || pin.size() > 12 || pin.find_first_not_of("0123456789") != std::string::npos) {
        std::cerr << "lectern hash-pin: a PIN is 4 to 12 digits (the console's keypad has only digits)\n";
        return kExitBadInput;
    }
    std::cout << make_pin_hash(pin) << "\n";
    return kExitOk;
}

KioskOptions parse_kiosk_options(const std::vector<std::string>& args) {
    KioskOptions o;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* form) -> const std::string& {
            if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value: " + a + " " + form);
            return args[++i];
        };
        if (a == "--config") o.config_file = value("FILE");
        else if (a == "--screenshot") o.screenshot = value("OUT.png");
        else if (a == "--screen") o.screen = value("lobby|room|timer");
        else if (a == "--room") o.room = value("ID");
        else if (a == "--search") o.search = value("TEXT");
        else if (a == "--keyboard") o.keyboard = true;
        else if (a == "--message") o.message = value("TEXT");
        else if (a == "--state") o.state_file = value("FILE.json");
        else if (a == "--windowed") o.windowed = true;
        else if (a == "--size") {
            const std::string& s = value("WIDTHxHEIGHT, e.g. 1920x1080");
            if (std::sscanf(s.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 || o.height < 240 || o.width > 7680 ||
                o.height > 7680)
                throw std::invalid_argument("--size " + s + ": use WIDTHxHEIGHT between 320x240 and 7680x7680, e.g. 1920x1080");
        } else if (a == "--at") {
            const std::string& s = value("2024-04-29T09:40:00+08:00");
            o.at = parse_rfc3339(s);
            if (!o.at) throw std::invalid_argument("--at " + s + ": use an RFC 3339 time such as 2024-04-29T09:40:00+08:00");
        } else
            throw std::invalid_argument("unknown option " + a + "; see lectern --help");
    }
    return o;
}

}  // namespace lectern
