// The Opencast capture agent's settings ([opencast]): which Opencast to ask for a schedule, under
// which agent name, and the name of the secret holding its user and password (never the password
// itself). The agent is off while `url` is empty.
#pragma once

#include <string>

namespace lectern {

class TableReader;

struct OpencastConfig {
    std::string url;                 // Opencast's base URL, e.g. "https://opencast.example.org"; "" = off
    std::string agent_name;          // the capture agent's name in Opencast; "" = kiosk.id
    std::string secret = "opencast"; // secret name (upload.secrets_file or environment) for user/password
    std::string auth = "digest";     // digest (Opencast's capture-agent users) | basic
    std::string address;             // this recorder's web address, shown in Opencast's admin UI; "" = none
    int update_seconds = 60;         // how often the calendar is fetched and the agent state sent
    int cutoff_days = 14;            // how far ahead the calendar reaches
    std::string cache_dir;           // last good calendar; "" = $XDG_CACHE_HOME/lectern or ~/.cache/lectern
    bool verify_tls = true;
    std::string ca_file;             // extra CA certificate for https; "" = the system's
    bool allow_insecure_http = false;  // basic auth over plain http:// (a lab only)

    bool enabled() const { return !url.empty(); }
};

void read_opencast(TableReader r, OpencastConfig& c);

}  // namespace lectern
