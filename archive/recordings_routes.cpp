#include "recordings_routes.h"

#include "catalog.h"
#include "http_server.h"
#include "staff_gate.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>

namespace lectern {
namespace {

constexpr int64_t kMaxPerPage = 500;

// What the page sees of a recording: no paths of this machine, links to the routes instead.
nlohmann::json public_json(const Recording& r) {
    nlohmann::json j = to_json(r);
    j.erase("media_path");
    j.erase("sidecar_path");
    const std::string base = "/api/v1/recordings/" + std::to_string(r.id);
    j["media_url"] = r.file_bytes >= 0 ? base + "/media" : "";
    j["sidecar_url"] = r.sidecar_path.empty() ? "" : base + "/sidecar";
    return j;
}

int64_t number_param(const WebRequest& req, const char* key, int64_t fallback, int64_t lo, int64_t hi) {
    if (!req.has_param(key)) return fallback;
    try {
        return std::clamp<int64_t>(std::stoll(req.get_param_value(key)), lo, hi);
    } catch (const std::exception&) {
        throw std::invalid_argument(std::string(key) + " must be a number");
    }
}

ArchiveQuery query_of(const WebRequest& req) {
    ArchiveQuery q;
    q.text = req.get_param_value("q");
    q.speaker = req.get_param_value("speaker");
    q.title = req.get_param_value("title");
    q.room = req.get_param_value("room");
    q.event = req.get_param_value("event");
    q.from = req.get_param_value("from");
    q.to = req.get_param_value("to");
    q.problems_only = req.get_param_value("problems") == "1";
    if (req.has_param("sort")) q.sort = req.get_param_value("sort");
    q.descending = req.get_param_value("order") == "desc";
    const int64_t per_page = number_param(req, "per_page", 50, 1, kMaxPerPage);
    const int64_t page = number_param(req, "page", 1, 1, 1000000);
    q.limit = per_page;
    q.offset = (page - 1) * per_page;
    return q;
}

// The file of a catalogued recording, or an error answer: ids are numbers, and only files the
// catalog lists are ever opened, so no request can name a path.
std::optional<Recording> recording_of(Catalog& catalog, const WebRequest& req, WebResponse& res) {
    auto r = catalog.get(std::stoll(req.matches[1]));
    if (!r) reply_error(res, 404, "no such recording; reload the list");
    return r;
}

// The file whole or, for a player that seeks, the byte range it asks for (the server answers 206).
void send_file(const std::string& path, const std::string& type, WebResponse& res) {
    if (!res.set_file(path, type)) reply_error(res, 404, "the file is missing on the kiosk; run `lectern archive verify`");
}

std::string content_disposition(const std::string& name) {
    static const char* hex = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char c : name) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') encoded += static_cast<char>(c);
        else encoded += '%', encoded += hex[c >> 4], encoded += hex[c & 15];
    }
    return "attachment; filename=\"recording.mp4\"; filename*=UTF-8''" + encoded;
}

}  // namespace

void add_recordings_routes(HttpServer& server, Catalog& catalog, StaffGate& gate, std::function<void()> refresh,
                           int refresh_seconds) {
    auto last_sync = std::make_shared<std::atomic<int64_t>>(0);
    if (!refresh) refresh = [&catalog] { catalog.sync(); };
    server.post("/api/v1/session", [&gate](const WebRequest& req, WebResponse& res) { gate.open_session(req, res); });
    server.post("/api/v1/session/end", [&gate](const WebRequest& req, WebResponse& res) { gate.close_session(req, res); });

    server.get("/api/v1/recordings", [&catalog, &gate, last_sync, refresh, refresh_seconds](const WebRequest& req, WebResponse& res) {
        if (!gate.admit(req, res)) return;
        const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::steady_clock::now().time_since_epoch()).count();
        if (int64_t before = last_sync->load(); now - before >= refresh_seconds && last_sync->compare_exchange_strong(before, now))
            refresh();
        ArchiveQuery q;
        try {
            q = query_of(req);
            ArchivePage page = catalog.search(q);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& r : page.recordings) items.push_back(public_json(r));
            reply(res, 200,
                  nlohmann::json{{"total", page.total}, {"page", q.offset / q.limit + 1}, {"per_page", q.limit},
                                 {"recordings", items}}.dump(),
                  "application/json");
        } catch (const std::invalid_argument& e) {
            reply_error(res, 400, e.what());
        }
    });
    server.get(R"(/api/v1/recordings/(\d{1,18}))", [&catalog, &gate](const WebRequest& req, WebResponse& res) {
        if (!gate.admit(req, res)) return;
        if (auto r = recording_of(catalog, req, res)) reply(res, 200, public_json(*r).dump(), "application/json");
    });
    server.get(R"(/api/v1/recordings/(\d{1,18})/sidecar)", [&catalog, &gate](const WebRequest& req, WebResponse& res) {
        if (!gate.admit(req, res)) return;
        auto r = recording_of(catalog, req, res);
        if (!r) return;
        if (r->sidecar_path.empty()) return reply_error(res, 404, "this recording has no sidecar");
        send_file(r->sidecar_path, "application/json", res);
    });
    server.get(R"(/api/v1/recordings/(\d{1,18})/media)", [&catalog, &gate](const WebRequest& req, WebResponse& res) {
        if (!gate.admit(req, res)) return;
        auto r = recording_of(catalog, req, res);
        if (!r) return;
        if (req.get_param_value("download") == "1") res.set_header("Content-Disposition", content_disposition(r->file));
        send_file(r->media_path, "video/mp4", res);
    });
}

}  // namespace lectern
