// The recording's sidecar JSON (written by the recorder) and the remote key built from it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lectern {

struct SpeakerInfo {
    std::string name, native_name, affiliation;
};

struct Sidecar {
    std::string event, room, item_id, title;
    std::vector<SpeakerInfo> speakers;
    std::string scheduled_start, scheduled_end, actual_start, actual_end;  // ISO 8601
    double duration_s = 0;
    int64_t size_bytes = -1;   // -1 = not given
    std::string sha256;        // lowercase hex; empty = not given
    std::string kiosk_id;
    bool recovered = false;
    std::string raw_json;      // the file as read, uploaded unchanged beside the recording
};

// Throws std::runtime_error naming the file and the field when it cannot be used.
Sidecar read_sidecar(const std::string& path);

// Expands {event} {date} {time} {room} {speaker} {title} {item_id} {kiosk_id} from the sidecar
// (date and time from actual_start, else scheduled_start) and makes each value safe for object
// stores and file systems: ASCII letters, digits, '-', '_', '.', other runs become '-'.
// Non-ASCII names (e.g. Chinese) are kept as UTF-8 when keep_utf8 is true.
std::string expand_key_template(const std::string& tmpl, const Sidecar& sidecar, bool keep_utf8 = false);

}  // namespace lectern
