#include "status_routes.h"

#include "http_server.h"
#include "jpeg.h"
#include "rendered_cache.h"

#include <nlohmann/json.hpp>

#include <map>

namespace lectern {
namespace {

int64_t unix_seconds(TimePoint t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); }

nlohmann::json item_json(const std::optional<ItemSummary>& item) {
    if (!item) return nullptr;
    return {{"id", item->id},
            {"title", item->title},
            {"speakers", item->speakers},
            {"start_unix", unix_seconds(item->start)},
            {"end_unix", unix_seconds(item->end)}};
}

nlohmann::json uploads_json(const StationStatus& s) {
    std::map<std::string, int> counts;
    for (JobState state : {JobState::Queued, JobState::Uploading, JobState::Verifying, JobState::Done, JobState::Failed,
                           JobState::Paused, JobState::Cancelled})
        counts[to_string(state)] = 0;
    int64_t pending_bytes = 0;
    for (const auto& job : s.uploads.jobs) {
        ++counts[to_string(job.state)];
        if (job.state != JobState::Done && job.state != JobState::Cancelled) pending_bytes += job.bytes_total - job.bytes_done;
    }
    return {{"jobs", counts},
            {"bytes_pending", pending_bytes},
            {"last_success_unix", s.upload_last_success_unix == 0 ? nlohmann::json(nullptr) : nlohmann::json(s.upload_last_success_unix)}};
}

}  // namespace

nlohmann::json status_json(const StationStatus& s) {
    nlohmann::json levels = nlohmann::json::array();
    for (const auto& c : s.audio.channels) levels.push_back({{"peak_dbfs", c.peak_dbfs}, {"rms_dbfs", c.rms_dbfs}});
    const auto& r = s.recorder;
    return {
        {"kiosk_id", s.kiosk_id},
        {"room", s.room},
        {"version", s.version},
        {"uptime_seconds", s.uptime_seconds},
        {"state", s.state},
        {"reason", s.reason},
        {"ready", not_ready_reason(s).empty()},
        {"current_item", item_json(s.current)},
        {"next_item", item_json(s.next)},
        {"recording",
         {{"elapsed_seconds", r.elapsed_seconds},
          {"bytes", r.file_bytes},
          {"dropped_frames", r.dropped_frames},
          {"segment", r.segment},
          {"bitrate_kbps", r.bitrate_kbps},
          {"alerts", r.alerts}}},
        {"audio", {{"channels", levels}, {"silence_seconds", s.silence_seconds}}},
        {"source_present", r.source_ok},
        {"disk", {{"free_bytes", s.disk_free_bytes}, {"stop_bytes", s.disk_stop_bytes}, {"recording_seconds_left", s.recording_seconds_left}}},
        {"uploads", uploads_json(s)},
        {"agenda",
         {{"source", s.agenda_source},
          {"loaded_unix", s.agenda_loaded_unix},
          {"age_seconds", s.agenda_loaded_unix ? unix_seconds(s.now) - s.agenda_loaded_unix : -1},
          {"problem", s.agenda_problem}}},
    };
}

void add_status_routes(HttpServer& server, const StatusBoard& board) {
    server.get_immediate("/readyz", [&board](const WebRequest&, WebResponse& res) {
        std::string why = not_ready_reason(*board.latest());
        if (why.empty()) return reply(res, 200, "ready\n");
        reply(res, 503, "not ready: " + why + "\n");
    });
    auto cache = std::make_shared<RenderedCache>([](const StationStatus& s) { return status_json(s).dump(2) + "\n"; });
    server.get_immediate("/api/v1/status", [&board, cache](const WebRequest&, WebResponse& res) {
        reply(res, 200, *cache->text(board.latest()), "application/json");
    });
    server.get("/api/v1/preview.jpg", [&board](const WebRequest&, WebResponse& res) {
        // A headless recorder makes pictures only while asked: the first request after a while
        // waits for one (on a worker thread; the board wakes it when the owner's loop publishes).
        auto frame = board.fresh_preview(std::chrono::seconds(1), std::chrono::seconds(2));
        if (!frame || frame->width <= 0) return reply_error(res, 404, "no preview yet: the recorder is not open or has no picture");
        reply(res, 200, encode_jpeg(*frame, 80), "image/jpeg");
    });
}

}  // namespace lectern
