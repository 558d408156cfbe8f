// The text of `lectern --help`: every command in one place.
#include "commands.h"

#include <cstdio>

namespace lectern {

void print_usage() {
    std::puts(R"(Lectern — conference-room agenda, recording and upload kiosk

  lectern [--config FILE] [--screen lobby|room|timer] [--room ID] [--windowed]
      start the kiosk (fullscreen); with no config: demo agenda, synthetic camera, local archive
  lectern --screenshot OUT.png [--screen NAME] [--size WxH] [--at 2024-04-29T09:40:00+08:00]
          [--config FILE] [--room ID] [--search TEXT] [--keyboard] [--message TEXT]
          [--state FILE.json]   (--screen also takes "operator" and "pin"; the state file sets recorder/uploads)
      render one frame offscreen (no display needed) and write a PNG
  lectern check-config [--strict] FILE
                                    validate a configuration file (exit 2 when it has problems;
                                    --strict also refuses warnings, e.g. the demo PIN 1234)
  lectern hash-pin [--staff]        read a console PIN (or with --staff the staff page's password) on
                                    standard input, print its hash for [operator] pin_hash
                                    ([archive] staff_password_hash)
  lectern agenda show [FILE|URL] [--json] [--secret NAME]
      print an agenda in its time zone (no FILE: the embedded demo); TOML, schedule.xml/.json, .ics
  lectern agenda diff OLD NEW
      what changed between two programmes, per item id (moved, cancelled, added, room, speakers)
  lectern record [--config FILE] [--out DIR] [--duration 30s]   record without a display
  lectern devices                   list cameras and audio cards
  lectern uploads list|retry|pause|cancel [ID] [--json]        the upload queue
  lectern run --headless [--config FILE] [--listen ADDR] [--room ID]
                                                        a room recorder without a display: follows the agenda,
                                                        uploads, serves the status API (see README, AV desk)
  lectern archive reindex [DIR...] | list | search WORDS | show ID | verify [ID...] [--dir DIR]
                  | export FOLDER   [--speaker --title --room --event --date --from --to] [--json]
      the recordings catalog: find, check (exit 1 on problems) and take away recorded speeches
)");
}

}  // namespace lectern
