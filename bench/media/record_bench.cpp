// CPU seconds per media second: the Recorder (preview and meters on) against the ffmpeg CLI
// encoding the same lavfi source with the same x264 settings, side by side in one run; and the
// recorder's cost per preset, to choose a default that leaves 30% of two cores free.
//
//   build/bin/lectern_record_bench [--seconds 20] [--sizes 1920x1080,1280x720] [--presets] [--rounds 2]
//                                  [--preview-width 640]  (0 = no preview, to see what it costs)
//                                  [--source synthetic|camera_like]  (camera_like: with sensor-like noise)
#include "bench_sizes.h"
#include "recorder.h"
#include "sources/source.h"

#include <sys/resource.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace lectern;

namespace {

double cpu_seconds(int who) {
    rusage u{};
    getrusage(who, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string x264_args(const MediaConfig& c) {
    return "-c:v libx264 -preset " + c.preset + " -crf " + std::to_string(c.crf) + " -g " +
           std::to_string(static_cast<int>(c.keyframe_seconds * c.fps)) + " -forced-idr 1 -pix_fmt yuv420p";
}

// The same work as the recorder: lavfi → x264 + AAC → fragmented MP4, then nothing else.
std::string ffmpeg_command(const MediaConfig& c, double seconds, const std::string& out) {
    const std::string graph = c.source == "camera_like" ? camera_like_graph(c) : synthetic_graph(c);
    return "ffmpeg -v error -nostdin -f lavfi -i \"" + graph + "\" -t " + std::to_string(seconds) + " " +
           x264_args(c) + " -c:a aac -b:a " + std::to_string(c.audio_bitrate_kbps) +
           "k -movflags frag_keyframe+empty_moov+default_base_moof -y " + out;
}

double ffmpeg_cpu(const MediaConfig& c, double seconds, const std::string& dir) {
    double before = cpu_seconds(RUSAGE_CHILDREN);
    std::string cmd = ffmpeg_command(c, seconds, dir + "/ffmpeg.mp4");
    if (std::system(cmd.c_str()) != 0) std::fprintf(stderr, "ffmpeg failed: %s\n", cmd.c_str());
    return cpu_seconds(RUSAGE_CHILDREN) - before;
}

struct RecorderRun {
    double cpu = 0, wall = 0;
    int64_t frames = 0;
};

RecorderRun recorder_cpu(const MediaConfig& c, double seconds) {
    double before = cpu_seconds(RUSAGE_SELF);
    auto t0 = std::chrono::steady_clock::now();
    RecorderRun run;
    {
        Recorder recorder(c, /*real_time=*/false);
        if (auto ok = recorder.open(); !ok) {
            std::fprintf(stderr, "%s\n", ok.error().c_str());
            std::exit(1);
        }
        RecordingMeta meta;
        meta.title = "bench";
        recorder.start(meta);
        recorder.stop_at(seconds);
        // A screen showing the preview asks for it every frame; previews are made only while asked.
        std::atomic<bool> done{false};
        std::thread screen([&] {
            PreviewFrame preview;
            while (!done && c.preview_width > 0) {
                recorder.latest_preview(preview);
                std::this_thread::sleep_for(std::chrono::milliseconds(16));  // a 60 Hz display's pace
            }
        });
        recorder.wait_finished(std::chrono::minutes(10));
        done = true;
        screen.join();
        run.frames = recorder.status().frames_recorded;
        recorder.close();
    }
    run.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    run.cpu = cpu_seconds(RUSAGE_SELF) - before;
    return run;
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 20;
    int rounds = 2;
    bool presets = false;
    std::string source = "synthetic";
    int preview_width = MediaConfig{}.preview_width;
    std::vector<std::pair<int, int>> sizes = {{1920, 1080}, {1280, 720}};
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--seconds" && i + 1 < argc) seconds = std::stod(argv[++i]);
        else if (a == "--rounds" && i + 1 < argc) rounds = std::stoi(argv[++i]);
        else if (a == "--presets") presets = true;
        else if (a == "--preview-width" && i + 1 < argc) preview_width = std::stoi(argv[++i]);
        else if (a == "--source" && i + 1 < argc) source = argv[++i];
        else if (a == "--sizes" && i + 1 < argc) sizes = lectern::bench::parse_sizes(argv[++i]);
    }
    std::string dir = (std::filesystem::temp_directory_path() / "lectern-record-bench").string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);

    MediaConfig base;
    base.output_dir = dir;
    base.disk_warn_mb = 0;
    base.disk_stop_mb = 16;
    base.preview_width = preview_width;
    base.source = source;
    std::printf("# lectern_record_bench --seconds %g --rounds %d%s --source %s  (%g media seconds per run, preview %d px @ %d fps, meters on)\n",
                seconds, rounds, presets ? " --presets" : "", source.c_str(), seconds, base.preview_width, base.preview_fps);
    std::printf("%-10s %-9s %5s %14s %14s %7s\n", "size", "preset", "round", "ffmpeg cpu/s", "lectern cpu/s", "ratio");
    for (auto [w, h] : sizes) {
        MediaConfig c = base;
        c.width = w;
        c.height = h;
        double sum_ff = 0, sum_rec = 0;
        for (int r = 0; r < rounds; ++r) {
            // Alternate the order so that neither side always runs on a warmer (or busier) machine.
            double ff = 0;
            RecorderRun rec;
            if (r % 2 == 0) {
                ff = ffmpeg_cpu(c, seconds, dir);
                rec = recorder_cpu(c, seconds);
            } else {
                rec = recorder_cpu(c, seconds);
                ff = ffmpeg_cpu(c, seconds, dir);
            }
            double media = rec.frames / static_cast<double>(c.fps);
            sum_ff += ff / seconds;
            sum_rec += rec.cpu / media;
            std::printf("%4dx%-5d %-9s %5d %14.3f %14.3f %7.3f\n", w, h, c.preset.c_str(), r + 1, ff / seconds,
                        rec.cpu / media, (rec.cpu / media) / (ff / seconds));
            std::fflush(stdout);
        }
        std::printf("%4dx%-5d %-9s %5s %14.3f %14.3f %7.3f\n", w, h, c.preset.c_str(), "mean", sum_ff / rounds,
                    sum_rec / rounds, sum_rec / sum_ff);
        std::printf("  same source with the CLI: %s\n", ffmpeg_command(c, seconds, "out.mp4").c_str());
    }
    if (presets) {
        std::printf("\n# recorder CPU per media second by preset; real time needs cpu/s <= 1.4 to keep 30%% of 2 cores free\n");
        std::printf("%-10s %-9s %14s %12s\n", "size", "preset", "lectern cpu/s", "of 2 cores");
        for (auto [w, h] : sizes) {
            for (const char* preset : {"ultrafast", "superfast", "veryfast", "faster"}) {
                MediaConfig c = base;
                c.width = w;
                c.height = h;
                c.preset = preset;
                RecorderRun rec = recorder_cpu(c, seconds);
                double per = rec.cpu / (rec.frames / static_cast<double>(c.fps));
                std::printf("%4dx%-5d %-9s %14.3f %11.0f%%\n", w, h, preset, per, per / 2 * 100);
                std::fflush(stdout);
            }
        }
    }
    std::filesystem::remove_all(dir);
    return 0;
}
