#include "metrics_routes.h"

#include "http_server.h"
#include "rendered_cache.h"

#include <prometheus/metric_family.h>
#include <prometheus/text_serializer.h>

#include <map>
#include <sstream>

namespace lectern {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

struct Families {
    std::vector<MetricFamily> all;

    void add(std::string name, std::string help, MetricType type, double value, std::vector<ClientMetric::Label> labels = {}) {
        if (all.empty() || all.back().name != name) all.push_back({name, std::move(help), type, {}});
        ClientMetric m;
        m.label = std::move(labels);
        if (type == MetricType::Counter) m.counter.value = value;
        else m.gauge.value = value;
        all.back().metric.push_back(std::move(m));
    }
    void gauge(std::string name, std::string help, double value, std::vector<ClientMetric::Label> labels = {}) {
        add(std::move(name), std::move(help), MetricType::Gauge, value, std::move(labels));
    }
};


}  // namespace

std::string metrics_text(const StationStatus& s) {
    Families f;
    const auto& r = s.recorder;
    f.gauge("lectern_build_info", "Version, kiosk and room of this recorder (always 1).", 1,
            {{"kiosk", s.kiosk_id}, {"room", s.room}, {"version", s.version}});
    for (const char* state : {"starting", "idle", "recording", "paused", "error"})
        f.gauge("lectern_state", "1 for the recorder's current state.", s.state == state ? 1 : 0, {{"state", state}});
    f.gauge("lectern_recording_seconds", "Media time of the file being recorded.", r.elapsed_seconds);
    f.gauge("lectern_recording_bytes", "Size of the file being recorded.", static_cast<double>(r.file_bytes));
    f.add("lectern_frames_dropped_total", "Frames captured but not encoded since the recording started.", MetricType::Counter,
          static_cast<double>(r.dropped_frames));
    for (size_t i = 0; i < s.audio.channels.size(); ++i)
        f.gauge("lectern_audio_level_dbfs", "Audio peak level per channel, dBFS.", s.audio.channels[i].peak_dbfs,
                {{"channel", std::to_string(i)}});
    f.gauge("lectern_audio_silence_seconds", "Seconds since any channel was last above the silence level.", s.silence_seconds);
    f.gauge("lectern_source_present", "1 when the camera or capture source delivers pictures.", r.source_ok ? 1 : 0);
    f.gauge("lectern_disk_free_bytes", "Free space where recordings are written (-1 unknown).", static_cast<double>(s.disk_free_bytes));
    f.gauge("lectern_recording_seconds_left", "Recording time left on the disk at the current bitrate (-1 unknown).",
            s.recording_seconds_left);
    std::map<std::string, int> by_state;
    std::map<std::pair<std::string, std::string>, int> outcomes;
    double bytes = 0;
    for (JobState state : {JobState::Queued, JobState::Uploading, JobState::Verifying, JobState::Failed, JobState::Paused})
        by_state[to_string(state)] = 0;
    for (const auto& job : s.uploads.jobs) {
        if (job.state == JobState::Done || job.state == JobState::Failed) ++outcomes[{job.target, job.state == JobState::Done ? "success" : "failure"}];
        if (job.state == JobState::Done || job.state == JobState::Cancelled) continue;
        ++by_state[to_string(job.state)];
        bytes += static_cast<double>(job.bytes_total - job.bytes_done);
    }
    for (const auto& [state, n] : by_state)
        f.gauge("lectern_upload_queue_jobs", "Upload jobs not yet done, by state.", n, {{"state", state}});
    f.gauge("lectern_upload_queue_bytes", "Bytes still to upload.", bytes);
    for (const auto& [key, n] : outcomes)
        f.add("lectern_uploads_total", "Uploads that ended, by target and result.", MetricType::Counter, n,
              {{"result", key.second}, {"target", key.first}});
    f.gauge("lectern_upload_last_success_timestamp_seconds", "When an upload last succeeded (0 never).",
            static_cast<double>(s.upload_last_success_unix));
    f.gauge("lectern_agenda_refresh_timestamp_seconds", "When the agenda was last loaded.", static_cast<double>(s.agenda_loaded_unix));
    f.gauge("lectern_uptime_seconds", "Seconds since this recorder started.", s.uptime_seconds);
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, f.all);
    return out.str();
}

void add_metrics_routes(HttpServer& server, const StatusBoard& board) {
    auto cache = std::make_shared<RenderedCache>(metrics_text);
    server.get_immediate("/metrics", [&board, cache](const WebRequest&, WebResponse& res) {
        reply(res, 200, *cache->text(board.latest()), "text/plain; version=0.0.4; charset=utf-8");
    });
}

}  // namespace lectern
