// `lectern record [--config FILE] [--out DIR] [--duration 30s] [--item ID]`: record without a display,
// for rack-mounted recorders and tests; stops cleanly on SIGINT/SIGTERM.
#include "commands.h"

#include "agenda_file.h"
#include "recorder_control.h"
#include "lectern_config.h"
#include "recorder.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

namespace lectern {
namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_signal(int) { g_interrupted = true; }

int usage(const std::string& problem) {
    std::fprintf(stderr,
                 "lectern record: %s\n"
                 "usage: lectern record [--config FILE] [--out DIR] [--duration 30s] [--item ID]\n",
                 problem.c_str());
    return 2;
}

RecordingMeta meta_for(const LecternConfig& config, const std::string& item_id, std::string& problem) {
    RecordingMeta meta;
    meta.kiosk_id = config.kiosk.id;
    meta.room = config.kiosk.room.empty() ? "room" : config.kiosk.room;
    meta.title = "Headless recording";
    if (item_id.empty()) return meta;
    Agenda agenda = config.agenda.file.empty() ? demo_agenda() : load_agenda_file(config.agenda.file);
    for (const auto& item : agenda.items)
        if (item.id == item_id) return meta_for_item(agenda, item, config.kiosk.id);
    problem = "no agenda item with id \"" + item_id + "\" in " +
              (config.agenda.file.empty() ? std::string("the demo agenda") : config.agenda.file);
    return meta;
}

std::string clock_of(double seconds) {
    char buf[32];
    int s = static_cast<int>(seconds);
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    return buf;
}

}  // namespace

double parse_duration_seconds(const std::string& text) {
    if (text.empty()) return -1;
    size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        return -1;
    }
    std::string unit = text.substr(used);
    if (unit.empty() || unit == "s") return value > 0 ? value : -1;
    if (unit == "m" || unit == "min") return value > 0 ? value * 60 : -1;
    if (unit == "h") return value > 0 ? value * 3600 : -1;
    return -1;
}

int run_record_command(const std::vector<std::string>& args) {
    std::string config_file, out_dir, item_id;
    double duration = 0;  // 0 = until a signal
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
        const std::string* v = nullptr;
        if (a == "--config" && (v = value())) config_file = *v;
        else if (a == "--out" && (v = value())) out_dir = *v;
        else if (a == "--item" && (v = value())) item_id = *v;
        else if (a == "--duration" && (v = value())) {
            duration = parse_duration_seconds(*v);
            if (duration <= 0) return usage("--duration \"" + *v + "\" is not a duration; write e.g. 30s, 5m or 1h");
        } else return usage("unknown or incomplete option \"" + a + "\"");
    }

    LecternConfig config;
    try {
        if (!config_file.empty()) config = load_config(config_file);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lectern record: %s\n", e.what());
        return 1;
    }
    if (!out_dir.empty()) config.media.output_dir = out_dir;
    std::string problem;
    RecordingMeta meta;
    try {
        meta = meta_for(config, item_id, problem);
    } catch (const std::exception& e) {
        problem = e.what();
    }
    if (!problem.empty()) {
        std::fprintf(stderr, "lectern record: %s\n", problem.c_str());
        return 1;
    }

    Recorder recorder(config.media);
    if (auto ok = recorder.open(); !ok) {
        std::fprintf(stderr, "lectern record: %s\n", ok.error().c_str());
        return 1;
    }
    if (int n = recorder.recovered_at_open()) std::printf("recovering %d file(s) left by a crash\n", n);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    if (auto ok = recorder.start(meta); !ok) {
        std::fprintf(stderr, "lectern record: %s\n", ok.error().c_str());
        return 1;
    }
    if (duration > 0) recorder.stop_at(duration);
    std::printf("recording from %s to %s%s\n", config.media.source.c_str(), resolved_output_dir(config.media).c_str(),
                duration > 0 ? (" for " + clock_of(duration)).c_str() : " until Ctrl+C");
    std::fflush(stdout);

    auto next_line = std::chrono::steady_clock::now() + 1s;
    RecorderStatus s;
    while (true) {
        std::this_thread::sleep_for(50ms);
        s = recorder.status();
        if (s.state == RecorderState::Idle || s.state == RecorderState::Failed) break;
        if (g_interrupted) {
            recorder.stop();
            g_interrupted = false;
        }
        if (std::chrono::steady_clock::now() >= next_line) {
            next_line += 1s;
            std::string alerts;
            for (const auto& a : s.alerts) alerts += "  ! " + a;
            std::printf("REC %s  frames %lld  dropped %lld  in %.1f fps  out %.1f fps  speed %.2fx  %.0f kb/s  %s%s\n",
                        clock_of(s.elapsed_seconds).c_str(), static_cast<long long>(s.frames_recorded),
                        static_cast<long long>(s.dropped_frames), s.fps_in, s.fps_out, s.encode_speed,
                        s.bitrate_kbps, s.file_path.c_str(), alerts.c_str());
            std::fflush(stdout);
        }
    }
    recorder.close();
    bool failed = s.state == RecorderState::Failed;
    if (failed) std::fprintf(stderr, "lectern record: %s\n", s.message.c_str());
    while (auto done = recorder.wait_finished(0ms))
        std::printf("saved %s%s\n  sidecar %s\n", done->media_path.c_str(), done->recovered ? " (recovered)" : "",
                    done->sidecar_path.c_str());
    for (const auto& e : recorder.finalize_errors()) {
        std::fprintf(stderr, "lectern record: %s\n", e.c_str());
        failed = true;
    }
    std::printf("%s: %lld frames, %lld dropped, %lld slate\n", s.message.c_str(),
                static_cast<long long>(s.frames_recorded), static_cast<long long>(s.dropped_frames),
                static_cast<long long>(s.slate_frames));
    return failed ? 1 : 0;
}

}  // namespace lectern
