// Lectern's configuration: one TOML file, every key optional with the defaults below.
// config/lectern.example.toml documents each key; load_config() validates the whole file.
#pragma once

#include <string>

#include "upload_config.h"

namespace lectern {

struct KioskConfig {
    std::string id = "lectern-01";   // names this kiosk in sidecars and logs
    std::string screen = "lobby";    // public mode at start: lobby | room | timer
    std::string room;                // room id for room and timer screens; empty = first room
    bool fullscreen = true;
};

struct AgendaConfig {
    std::string file;                // empty = the embedded demo agenda
    bool demo_move_to_today = true;  // move the demo agenda's times to now so now/next are live
    int reload_seconds = 30;         // how often the agenda file is checked for changes
};

struct DisplayConfig {
    std::string font;                // a .ttf/.otf/.ttc with CJK glyphs; empty = ask fontconfig
    double text_scale = 1.0;         // multiplies every text size (1.0 = sized from screen height)
    int page_seconds = 12;           // how long each page shows when items do not fit
};

struct LecternConfig {
    std::string source = "(embedded defaults)";  // where it was loaded from
    KioskConfig kiosk;
    AgendaConfig agenda;
    DisplayConfig display;
    UploadConfig upload;
};

// Loads and validates a file; throws InputError naming file, line and key for every problem.
LecternConfig load_config(const std::string& file);
LecternConfig load_config_text(const std::string& text, const std::string& name);

}  // namespace lectern
