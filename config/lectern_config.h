// Lectern's configuration: one TOML file, every key optional with the defaults below.
// config/lectern.example.toml documents each key; load_config() validates the whole file.
#pragma once

#include "archive_config.h"
#include "media_config.h"
#include "opencast_config.h"
#include "upload_config.h"
#include "web_config.h"
#include <string>


namespace lectern {

struct KioskConfig {
    std::string id = "lectern-01";   // names this kiosk in sidecars and logs
    std::string screen = "lobby";    // public mode at start: lobby | room | timer
    std::string room;                // room id for room and timer screens; empty = first room
    bool fullscreen = true;
};

struct AgendaConfig {
    std::string file;                // empty = the embedded demo agenda (or url)
    bool demo_move_to_today = true;  // move the demo agenda's times to now so now/next are live
    int reload_seconds = 30;         // how often the agenda file (or url) is checked for changes
    std::string url;                 // http(s) programme to fetch instead of a file; "" = none
    std::string secret;              // secret name for url's user/password; "" = anonymous
    std::string cache_dir;           // last good copy of url; "" = $XDG_CACHE_HOME/lectern or ~/.cache/lectern
    int fetch_timeout_seconds = 20;  // one fetch of url, connection included
    int stale_after_seconds = 900;   // the screens show a staleness badge when the copy is older
    std::string ca_file;             // extra CA certificate for an https url; "" = the system's
    int changes_shown_minutes = 30;  // how long a reload's changes stay marked on the screens
};

struct DisplayConfig {
    std::string font;                // a .ttf/.otf/.ttc with CJK glyphs; empty = ask fontconfig
    double text_scale = 1.0;         // multiplies every text size (1.0 = sized from screen height)
    int page_seconds = 12;           // how long each page shows when items do not fit
    // "auto": SDL's software renderer for a kiosk that shows the lobby (it changes a few times a
    // minute, and GL's driver costs it more memory than all the rest), GL for the room and timer
    // screens; or "gl" / "software" for every screen.
    std::string renderer = "auto";
};

struct TimerConfig {
    int warning_minutes = 5;         // the speaker timer turns amber with this much left
    int final_minutes = 1;           // and red with this much left; after zero it counts the overrun
};

struct OperatorConfig {
    // PBKDF2 hash of the console PIN, made with `lectern hash-pin`; "" = the demo PIN 1234 (the console
    // then says so until a hash is set).
    std::string pin_hash;
    int tries_before_lockout = 3;
    int lockout_seconds = 30;
    std::string lockout_file = "~/Lectern/operator-lockout.json";  // wrong tries survive a restart; "" = memory only        // doubles with each further lockout
    int idle_lock_seconds = 300;     // the console locks itself after this long untouched
};

struct SessionConfig {
    bool auto_record = false;        // start, split and stop at the items' scheduled times (unattended rooms)
    int padding_seconds = 60;        // start this early and stop this late around each item
};

struct LecternConfig {
    std::string source = "(embedded defaults)";  // where it was loaded from
    KioskConfig kiosk;
    AgendaConfig agenda;
    DisplayConfig display;
    TimerConfig timer;
    OperatorConfig operator_console;
    SessionConfig session;
    MediaConfig media;
    UploadConfig upload;
    WebConfig web;
    ArchiveConfig archive;
    OpencastConfig opencast;
};

// Loads and validates a file; throws InputError naming file, line and key for every problem.
LecternConfig load_config(const std::string& file);
LecternConfig load_config_text(const std::string& text, const std::string& name);

}  // namespace lectern
