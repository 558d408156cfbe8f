#include "opencast_client.h"

#include "url_redaction.h"

#include <nlohmann/json.hpp>

namespace lectern {
namespace {

std::string escaped(const std::string& text) {
    CurlText out(curl_easy_escape(nullptr, text.c_str(), static_cast<int>(text.size())));
    return out ? out.get() : "";
}

std::string failure(const std::string& what, const std::string& url, const HttpResponse& r) {
    return http_error(what, url, r).message;
}

}  // namespace

OpencastClient::OpencastClient(const OpencastConfig& config, std::string agent_name, TargetSecret secret)
    : config_(config), agent_(std::move(agent_name)), secret_(std::move(secret)) {}

HttpRequest OpencastClient::request(const std::string& method, const std::string& url) const {
    HttpRequest rq;
    rq.method = method;
    rq.url = url;
    rq.verify_tls = config_.verify_tls;
    rq.ca_file = config_.ca_file;
    rq.stall_timeout_s = 20;
    if (secret_.present()) {
        rq.auth.kind = config_.auth == "basic" ? HttpAuth::Kind::Basic : HttpAuth::Kind::Digest;
        rq.auth.user = secret_.user;
        rq.auth.password = secret_.password;
        // Opencast answers with a digest challenge only when asked (the capture-agent guide).
        if (rq.auth.kind == HttpAuth::Kind::Digest) rq.headers.push_back("X-Requested-Auth: Digest");
    }
    return rq;
}

std::string OpencastClient::find_service(const std::string& type, std::string& endpoint) const {
    const std::string url = config_.url + "/services/available.json?serviceType=" + escaped(type);
    HttpResponse r = http_perform(request("GET", url));
    if (!r.ok()) return failure("asking Opencast's service registry for " + type, url, r);
    try {
        // "service" is one object for one service and an array for several.
        const nlohmann::json services = nlohmann::json::parse(r.body).at("services");
        const nlohmann::json list = !services.is_object() || !services.contains("service") ? nlohmann::json::array()
                                    : services["service"].is_array() ? services["service"]
                                                                     : nlohmann::json::array({services["service"]});
        for (const auto& s : list)
            if (s.value("online", true) && s.value("active", true) && s.contains("host") && s.contains("path")) {
                endpoint = s["host"].get<std::string>() + s["path"].get<std::string>();
                return "";
            }
    } catch (const std::exception& e) {
        return "Opencast's service registry at " + redact_url(url) + " answered no JSON service list (" + e.what() + ")";
    }
    return "Opencast at " + redact_url(config_.url) + " has no online " + type + " service; check that it runs";
}

std::string OpencastClient::discover() {
    OpencastEndpoints found;
    for (auto [type, into] : {std::pair{"org.opencastproject.capture.admin", &found.capture_admin},
                              std::pair{"org.opencastproject.scheduler", &found.scheduler},
                              std::pair{"org.opencastproject.ingest", &found.ingest}})
        if (std::string why = find_service(type, *into); !why.empty()) return why;
    endpoints_ = found;
    return "";
}

void OpencastClient::refresh_ingest() {
    std::string endpoint;
    if (find_service("org.opencastproject.ingest", endpoint).empty()) endpoints_.ingest = endpoint;
}

std::string OpencastClient::set_agent_state(const std::string& state) const {
    HttpRequest rq = request("POST", endpoints_.capture_admin + "/agents/" + escaped(agent_));
    rq.form = {{"state", state}, {"address", config_.address}};
    HttpResponse r = http_perform(rq);
    return r.ok() ? "" : failure("reporting the agent state " + state + " to Opencast", rq.url, r);
}

std::string OpencastClient::set_recording_state(const std::string& recording_id, const std::string& state) const {
    HttpRequest rq = request("POST", endpoints_.capture_admin + "/recordings/" + escaped(recording_id));
    rq.form = {{"state", state}};
    HttpResponse r = http_perform(rq);
    return r.ok() ? "" : failure("reporting the recording state " + state + " to Opencast", rq.url, r);
}

CalendarFetch OpencastClient::fetch_calendar(const std::string& etag, const std::string& last_modified, TimePoint now) const {
    // cutoff: milliseconds since the epoch of the furthest start wanted.
    const auto cutoff = std::chrono::duration_cast<std::chrono::milliseconds>((now + std::chrono::days{config_.cutoff_days}).time_since_epoch());
    HttpRequest rq = request("GET", endpoints_.scheduler + "/calendars?agentid=" + escaped(agent_) + "&cutoff=" +
                                        std::to_string(cutoff.count()));
    if (!etag.empty()) rq.headers.push_back("If-None-Match: " + etag);
    if (!last_modified.empty()) rq.headers.push_back("If-Modified-Since: " + last_modified);
    HttpResponse r = http_perform(rq);
    CalendarFetch out;
    if (r.curl == CURLE_OK && r.status == 304) return out.outcome = CalendarFetch::Outcome::NotModified, out;
    if (!r.ok()) return out.error = failure("fetching the Opencast calendar", rq.url, r), out;
    out.outcome = CalendarFetch::Outcome::Fresh;
    out.body = std::move(r.body);
    out.etag = r.header("etag");
    out.last_modified = r.header("last-modified");
    return out;
}

UploadTargetConfig OpencastClient::ingest_target() const {
    UploadTargetConfig t;
    t.name = "opencast-agent";
    t.kind = "opencast";
    // The target appends /ingest/…: give it the ingest service's host.
    const std::string& ingest = endpoints_.ingest;
    t.url = ingest.size() > 7 && ingest.ends_with("/ingest") ? ingest.substr(0, ingest.size() - 7) : config_.url;
    t.auth = config_.auth;
    t.verify_tls = config_.verify_tls;
    t.ca_file = config_.ca_file;
    t.allow_insecure_http = config_.allow_insecure_http;
    return t;
}

}  // namespace lectern
