// Whole processes in real time: `lectern record --duration 20s` against the ffmpeg CLI reading the
// same lavfi graph at native speed (-re) with the same x264/AAC settings and writing a faststart
// MP4, each timed by /usr/bin/time (user + system CPU), alternately, in one run. The recorder's
// side includes what a kiosk pays for: preview, meters, the fragmented file, the faststart remux
// and the SHA-256.
//
//   build/bin/lectern_whole_process_bench [--seconds 20] [--rounds 3] [--sizes 1920x1080,1280x720]
//                                         [--source synthetic|camera_like]
#include "bench_sizes.h"
#include "sources/source.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using namespace lectern;
namespace fs = std::filesystem;

namespace {

struct Timed {
    double cpu = -1, wall = 0;  // CPU seconds (user + system), wall seconds; cpu -1: it failed
};

// A machine too busy for real time makes the recorder drop frames (less work) while the CLI just
// falls behind: both are printed, so such a round can be told apart.
Timed timed(const std::string& command, const std::string& dir) {
    const std::string out = dir + "/time.txt";
    const std::string line = "/usr/bin/time -f '%U %S %e' -o " + out + " " + command + " >" + dir + "/log.txt 2>&1";
    if (std::system(line.c_str()) != 0) {
        std::fprintf(stderr, "failed: %s (see %s/log.txt)\n", command.c_str(), dir.c_str());
        return {};
    }
    double user = 0, sys = 0;
    Timed t;
    std::ifstream(out) >> user >> sys >> t.wall;
    t.cpu = user + sys;
    return t;
}

// "N dropped" from lectern record's last line.
std::string dropped_of(const std::string& log_file) {
    std::ifstream in(log_file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t at = text.rfind(" dropped");
    if (at == std::string::npos) return "?";
    size_t from = text.rfind(' ', at - 1);
    return text.substr(from + 1, at - from - 1);
}

std::string graph_of(const MediaConfig& c) { return c.source == "camera_like" ? camera_like_graph(c) : synthetic_graph(c); }

std::string ffmpeg_command(const MediaConfig& c, double seconds, const std::string& out) {
    return "ffmpeg -v error -nostdin -re -f lavfi -i \"" + graph_of(c) + "\" -t " + std::to_string(seconds) +
           " -c:v libx264 -preset " + c.preset + " -crf " + std::to_string(c.crf) + " -g " +
           std::to_string(static_cast<int>(c.keyframe_seconds * c.fps)) + " -forced-idr 1 -pix_fmt yuv420p -c:a aac -b:a " +
           std::to_string(c.audio_bitrate_kbps) + "k -movflags +faststart -y " + out;
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 20;
    int rounds = 3;
    std::string source = "synthetic";
    std::vector<std::pair<int, int>> sizes = {{1920, 1080}, {1280, 720}};
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--seconds" && i + 1 < argc) seconds = std::stod(argv[++i]);
        else if (a == "--rounds" && i + 1 < argc) rounds = std::stoi(argv[++i]);
        else if (a == "--source" && i + 1 < argc) source = argv[++i];
        else if (a == "--sizes" && i + 1 < argc) sizes = lectern::bench::parse_sizes(argv[++i]);
    }
    const std::string lectern = (fs::path(argv[0]).parent_path() / "lectern").string();
    const std::string dir = (fs::temp_directory_path() / "lectern-whole-process-bench").string();
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::printf("# lectern_whole_process_bench --seconds %g --rounds %d --source %s\n", seconds, rounds, source.c_str());
    std::printf("%-10s %5s %12s %12s %7s   %s\n", "size", "round", "ffmpeg cpu s", "lectern cpu s", "ratio",
                "(wall s ffmpeg / lectern, frames lectern dropped)");
    for (auto [w, h] : sizes) {
        MediaConfig c;
        c.width = w;
        c.height = h;
        c.source = source;
        const std::string config = dir + "/lectern.toml";
        std::ofstream(config) << "[media]\nsource = \"" << source << "\"\nwidth = " << w << "\nheight = " << h << "\n";
        const std::string record = lectern + " record --config " + config + " --out " + dir + "/rec --duration " +
                                   std::to_string(static_cast<int>(seconds)) + "s";
        double sum_ff = 0, sum_rec = 0;
        for (int r = 0; r < rounds; ++r) {
            // Alternate the order so that neither side always runs on a warmer (or busier) machine.
            Timed ff, rec;
            std::string dropped;
            for (int side = 0; side < 2; ++side) {
                fs::remove_all(dir + "/rec");
                if ((side + r) % 2 == 0) {
                    ff = timed(ffmpeg_command(c, seconds, dir + "/ffmpeg.mp4"), dir);
                } else {
                    rec = timed(record, dir);
                    dropped = dropped_of(dir + "/log.txt");
                }
            }
            if (ff.cpu <= 0 || rec.cpu <= 0) return 1;
            sum_ff += ff.cpu;
            sum_rec += rec.cpu;
            std::printf("%4dx%-5d %5d %12.2f %12.2f %7.3f   (%.1f / %.1f, %s)\n", w, h, r + 1, ff.cpu, rec.cpu,
                        rec.cpu / ff.cpu, ff.wall, rec.wall, dropped.c_str());
            std::fflush(stdout);
        }
        std::printf("%4dx%-5d %5s %12.2f %12.2f %7.3f\n", w, h, "mean", sum_ff / rounds, sum_rec / rounds, sum_rec / sum_ff);
        std::printf("  CLI: %s\n  lectern: %s\n", ffmpeg_command(c, seconds, "out.mp4").c_str(), record.c_str());
    }
    fs::remove_all(dir);
    return 0;
}
