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
// (date and time from actual_start, else scheduled_start); "-{item_id}" is added when the template
// lacks it. Each '/'-separated part keeps Unicode and is made safe for file systems and object
// stores: refused characters become '-' and the part is capped at 180 bytes on a UTF-8 boundary;
// a part that lost anything ends in "~" + 8 hex digits of its SHA-256, so different values never
// share a name. Network targets percent-encode the result where their protocol needs it.
std::string expand_key_template(const std::string& tmpl, const Sidecar& sidecar);

// The longest prefix of `text` of at most max_bytes that ends on a UTF-8 character boundary.
size_t utf8_prefix_bytes(const std::string& text, size_t max_bytes);

}  // namespace lectern
