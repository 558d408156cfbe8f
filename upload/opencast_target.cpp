// Opencast ingest target, the sequence pyCA and Galicaster use: createMediaPackage, addDCCatalog
// (a Dublin Core episode built from the sidecar), addTrack (flavor presenter/source, the file
// streamed from disk), addAttachment (the sidecar), then ingest with the configured workflow.
// "Verified" here means Opencast accepted the ingest and answered with a workflow instance that
// holds our track (opencast_reply.h): graded "accepted", as the ingest API offers no read-back of
// the bytes. Tested against a stand-in server, not a real Opencast.
// For a scheduled event (opencast_target.h), the event's catalogs are sent as they came and the
// ingest names the event as workflowInstanceId, as pyCA does.
#include "http_target.h"
#include "opencast_reply.h"
#include "opencast_target.h"

#include <unistd.h>

#include <pugixml.hpp>

#include <fstream>
#include <optional>
#include <sstream>

namespace lectern {
namespace {

std::string base_name(const std::string& key) { return key.substr(key.find_last_of('/') + 1); }

std::string dublin_core(const Sidecar& s) {
    pugi::xml_document doc;
    pugi::xml_node decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    pugi::xml_node dc = doc.append_child("dublincore");
    dc.append_attribute("xmlns") = "http://www.opencastproject.org/xsd/1.0/dublincore/";
    dc.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
    auto add = [&](const char* term, const std::string& value) {
        if (!value.empty()) dc.append_child((std::string("dcterms:") + term).c_str()).text().set(value.c_str());
    };
    add("title", s.title.empty() ? "Untitled recording" : s.title);
    for (const auto& sp : s.speakers) {
        add("creator", sp.native_name.empty() || sp.native_name == sp.name ? sp.name : sp.name + " (" + sp.native_name + ")");
        add("contributor", sp.affiliation);
    }
    const std::string& start = s.actual_start.empty() ? s.scheduled_start : s.actual_start;
    const std::string& end = s.actual_end.empty() ? s.scheduled_end : s.actual_end;
    add("created", start);
    if (!start.empty() && !end.empty()) add("temporal", "start=" + start + "; end=" + end + "; scheme=W3C-DTF;");
    add("spatial", s.room);
    add("description", s.event.empty() ? "" : s.event + (s.item_id.empty() ? "" : " — agenda item " + s.item_id));
    add("source", s.kiosk_id.empty() ? "" : "Lectern kiosk " + s.kiosk_id);
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

class OpencastTarget final : public HttpTarget {
public:
    OpencastTarget(const UploadTargetConfig& c, const TargetSecret& s, std::optional<OpencastScheduledIngest> event = {})
        : HttpTarget(c, password_auth(c, s)), event_(std::move(event)) {}

    UploadResult upload(UploadAttempt& a) override {
        // Each attempt builds a fresh media package: a half-built one on the server is harmless
        // (never ingested) and Opencast offers no resume for addTrack.
        HttpResponse r = http_perform(request("GET", "/ingest/createMediaPackage"));
        if (!r.ok()) return tl::unexpected(http_error("creating the Opencast media package", base_ + "/ingest/createMediaPackage", r));
        std::string mp = r.body;

        std::vector<std::pair<std::string, std::string>> catalogs = {{"dublincore/episode", dublin_core(a.sidecar)}};
        if (event_ && !event_->catalogs.empty()) catalogs = event_->catalogs;
        for (const auto& [flavor, xml] : catalogs) {
            HttpRequest dc = request("POST", "/ingest/addDCCatalog");
            dc.form = {{"mediaPackage", mp}, {"dublinCore", xml}, {"flavor", flavor}};
            r = http_perform(dc);
            if (!r.ok()) return tl::unexpected(http_error("adding the Dublin Core " + flavor, dc.url, r));
            mp = r.body;
        }

        HttpRequest track = request("POST", "/ingest/addTrack");
        track.form = {{"mediaPackage", mp}, {"flavor", "presenter/source"}};
        track.form_file_field = "BODY";
        track.file_path = a.media_path;
        track.form_file_name = base_name(a.remote_key) + a.media_extension;
        track.file_length = a.media_size;
        track.limiter = a.limiter;
        track.on_sent = a.progress;
        r = http_perform(track);
        if (!r.ok()) return tl::unexpected(http_error("uploading the recording to Opencast", track.url, r));
        std::string track_id = opencast_added_track(mp, r.body);
        mp = r.body;

        if (auto side = add_sidecar(a, mp); !side) return tl::unexpected(side.error());
        else mp = *side;

        a.verifying();
        HttpRequest ingest = request("POST", event_ ? "/ingest/ingest" : "/ingest/ingest/" + config_.workflow);
        ingest.form = {{"mediaPackage", mp}};
        if (event_) {
            if (!event_->workflow_definition.empty()) ingest.form.emplace_back("workflowDefinitionId", event_->workflow_definition);
            ingest.form.emplace_back("workflowInstanceId", event_->event_id);  // links the media to the scheduled event
            ingest.form.insert(ingest.form.end(), event_->workflow_config.begin(), event_->workflow_config.end());
        }
        r = http_perform(ingest);
        if (!r.ok()) return tl::unexpected(http_error("starting the Opencast ingest", ingest.url, r));
        if (std::string why = check_ingest_reply(r.body, track_id); !why.empty())
            return tl::unexpected(UploadError{true, why + " at " + redact_url(ingest.url) + "; will retry"});
        a.grade = VerifyGrade::Accepted;
        return {};
    }

private:
    HttpRequest request(const std::string& method, const std::string& path) const {
        HttpRequest rq = HttpTarget::request(method, base_ + path);
        // Opencast answers digest challenges for system users only when asked.
        if (auth_.kind == HttpAuth::Kind::Digest) rq.headers.push_back("X-Requested-Auth: Digest");
        return rq;
    }

    std::optional<OpencastScheduledIngest> event_;

    tl::expected<std::string, UploadError> add_sidecar(const UploadAttempt& a, const std::string& mp) {
        // The sidecar goes as a file part named like the recording, so staff see which is which.
        char tmpl[] = "/tmp/lectern-sidecar-XXXXXX";
        int fd = mkstemp(tmpl);
        if (fd < 0) return tl::unexpected(UploadError{true, "cannot write a temporary sidecar copy in /tmp"});
        std::string path = tmpl;
        ::close(fd);
        { std::ofstream(path, std::ios::binary) << a.sidecar.raw_json; }
        HttpRequest att = request("POST", "/ingest/addAttachment");
        att.form = {{"mediaPackage", mp}, {"flavor", "attachment/lectern-sidecar"}};
        att.form_file_field = "BODY";
        att.file_path = path;
        att.form_file_name = base_name(a.remote_key) + ".json";
        att.file_length = static_cast<int64_t>(a.sidecar.raw_json.size());
        HttpResponse r = http_perform(att);
        ::unlink(path.c_str());
        if (!r.ok()) return tl::unexpected(http_error("adding the sidecar to the media package", att.url, r));
        return r.body;
    }
};

}  // namespace

std::unique_ptr<UploadTarget> make_opencast_target(const UploadTargetConfig& c, const TargetSecret& s) {
    return std::make_unique<OpencastTarget>(c, s);
}

std::unique_ptr<UploadTarget> make_scheduled_opencast_target(const UploadTargetConfig& c, const TargetSecret& s,
                                                             OpencastScheduledIngest event) {
    return std::make_unique<OpencastTarget>(c, s, std::move(event));
}

}  // namespace lectern
