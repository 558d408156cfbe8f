// Command-line options of the kiosk itself (not of its sub-commands).
#pragma once

#include "agenda.h"

#include <optional>
#include <string>
#include <vector>

namespace lectern {

struct KioskOptions {
    std::string config_file;          // --config FILE
    std::string screenshot;           // --screenshot OUT.png: render one frame offscreen and exit
    std::string screen;               // --screen lobby|room|timer (default: kiosk.screen)
    std::string room;                 // --room ID
    int width = 1920, height = 1080;  // --size WxH (screenshots)
    std::optional<TimePoint> at;      // --at RFC3339: freeze the clock (screenshots, rehearsals)
    std::string search;               // --search TEXT: find-my-slot query (screenshots)
    bool keyboard = false;            // --keyboard: show the on-screen keyboard (screenshots)
    std::string message;              // --message TEXT: the stage message on the timer (screenshots)
    std::string state_file;           // --state FILE.json: recorder and upload state to show (screenshots)
    std::string archive_dir;          // --archive DIR: the Recordings screen catalogues this folder (screenshots)
    bool windowed = false;            // --windowed
};

// Throws std::invalid_argument naming the option and the form it takes.
KioskOptions parse_kiosk_options(const std::vector<std::string>& args);

}  // namespace lectern
