#include "screen_state_file.h"

#include "toml_reader.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace lectern {

namespace {

RecorderView::State state_from(const std::string& s) {
    if (s == "recording") return RecorderView::State::Recording;
    if (s == "paused") return RecorderView::State::Paused;
    if (s == "failed") return RecorderView::State::Failed;
    if (s == "idle") return RecorderView::State::Idle;
    return RecorderView::State::Unavailable;
}

}  // namespace

ScreenState load_screen_state(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw InputError({{file, 0, 0, "", "cannot be read; check the path"}});
    ScreenState s;
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        const auto& r = j.value("recorder", nlohmann::json::object());
        s.recorder.state = state_from(r.value("state", "unavailable"));
        s.recorder.message = r.value("message", "");
        s.recorder.elapsed = seconds{r.value("elapsed_s", 0)};
        s.recorder.file_bytes = r.value("file_bytes", 0ull);
        s.recorder.dropped_frames = r.value("dropped_frames", 0ull);
        s.recorder.alerts = r.value("alerts", std::vector<std::string>{});
        s.recorder.peak_dbfs = r.value("peak_dbfs", std::vector<float>{});
        s.recorder.rms_dbfs = r.value("rms_dbfs", std::vector<float>{});
        for (const auto& u : j.value("uploads", nlohmann::json::array())) {
            UploadRow row;
            row.id = u.value("id", 0ll);
            row.file = u.value("file", "");
            row.target = u.value("target", "");
            row.state = u.value("state", "queued");
            row.fraction = u.value("fraction", 0.0f);
            row.bytes_per_second = u.value("bytes_per_second", 0.0);
            row.eta = seconds{u.value("eta_s", 0)};
            row.error = u.value("error", "");
            s.uploads.push_back(row);
        }
        const auto& st = j.value("stats", nlohmann::json::object());
        s.stats.cpu_percent = st.value("cpu_percent", std::vector<float>{});
        s.stats.video_kbps = st.value("video_kbps", std::vector<float>{});
        s.stats.upload_mbps = st.value("upload_mbps", std::vector<float>{});
        s.current_item = j.value("current_item", "");
        s.started_at = j.value("started_at", "");
    } catch (const nlohmann::json::exception& e) {
        throw InputError({{file, 0, 0, "", std::string("is not a valid screen state: ") + e.what()}});
    }
    return s;
}

}  // namespace lectern
