// The capture agent's requests to Opencast, as the capture-agent guide documents them: the service
// registry (/services/available.json), the agent's and each recording's state (/capture-admin), and
// the calendar (/recordings/calendars, conditional GET). Digest auth asks with X-Requested-Auth:
// Digest, as Opencast requires. Blocking libcurl calls: only the agent's own thread makes them.
#pragma once

#include "agenda.h"
#include "http_transfer.h"
#include "opencast_config.h"
#include "secrets.h"
#include "upload_config.h"

#include <string>

namespace lectern {

struct OpencastEndpoints {
    std::string capture_admin;  // e.g. http://oc.example.org/capture-admin
    std::string scheduler;      // e.g. http://oc.example.org/recordings
    std::string ingest;         // e.g. http://oc.example.org/ingest
    bool complete() const { return !capture_admin.empty() && !scheduler.empty() && !ingest.empty(); }
};

struct CalendarFetch {
    enum class Outcome { Fresh, NotModified, Failed } outcome = Outcome::Failed;
    std::string body, etag, last_modified;
    std::string error;  // Failed: what, where (no credentials), what to do
};

class OpencastClient {
public:
    OpencastClient(const OpencastConfig& config, std::string agent_name, TargetSecret secret);

    // Asks the service registry for capture-admin, scheduler and ingest; "" or why not.
    std::string discover();
    // Asks again for the ingest service (it may move between recordings); keeps the old one on failure.
    void refresh_ingest();
    const OpencastEndpoints& endpoints() const { return endpoints_; }

    // POST {capture-admin}/agents/{name} state=… address=…; "" or why not.
    std::string set_agent_state(const std::string& state) const;
    // POST {capture-admin}/recordings/{id} state=…; "" or why not.
    std::string set_recording_state(const std::string& recording_id, const std::string& state) const;
    // GET {scheduler}/calendars?agentid=NAME&cutoff=… with If-None-Match / If-Modified-Since.
    CalendarFetch fetch_calendar(const std::string& etag, const std::string& last_modified, TimePoint now) const;

    // The ingest endpoint as an Opencast upload target (upload/opencast_target), with the secret.
    UploadTargetConfig ingest_target() const;
    const TargetSecret& secret() const { return secret_; }
    const std::string& agent_name() const { return agent_; }

private:
    HttpRequest request(const std::string& method, const std::string& url) const;
    std::string find_service(const std::string& type, std::string& endpoint) const;

    OpencastConfig config_;
    std::string agent_;
    TargetSecret secret_;
    OpencastEndpoints endpoints_;
};

}  // namespace lectern
