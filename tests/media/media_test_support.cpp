#include "media_test_support.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "recorder.h"

namespace fs = std::filesystem;

namespace lectern::test {

std::string fresh_dir(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("lectern-media-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

MediaConfig small_config(const std::string& output_dir) {
    MediaConfig c;
    c.width = 320;
    c.height = 240;
    c.fps = 30;
    c.preview_width = 160;
    c.output_dir = output_dir;
    c.disk_warn_mb = 0;
    c.disk_stop_mb = 16;
    return c;
}

std::string make_clip(const std::string& dir, const std::string& name, const std::string& picture, double seconds) {
    std::string clip = dir + "/" + name;
    run("ffmpeg -v error -f lavfi -i " + picture + " -f lavfi -i sine=sample_rate=48000 -t " + std::to_string(seconds) +
        " -c:v libx264 -preset ultrafast -c:a aac -y '" + clip + "'");
    return clip;
}

MediaConfig file_config(const std::string& output_dir, const std::string& clip, bool loop) {
    MediaConfig c = small_config(output_dir);
    c.source = "file";
    c.file = clip;
    c.loop = loop;
    return c;
}

std::string open_error(const MediaConfig& c) {
    Recorder recorder(c);
    auto ok = recorder.open();
    return ok ? "" : ok.error();
}

RecordingMeta sample_meta(const std::string& title) {
    RecordingMeta m;
    m.event = "BJAST Symposium";
    m.room = "Hall A";
    m.item_id = title;
    m.title = title;
    m.speakers = {{"Wu Jianmin", "伍建民", "BJAST"}};
    m.kiosk_id = "test-kiosk";
    return m;
}

std::string run(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) return out;
    std::array<char, 4096> buf{};
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    ::pclose(p);
    return out;
}

std::vector<std::string> codecs_of(const std::string& file) {
    std::istringstream in(run("ffprobe -v error -show_entries stream=codec_name -of csv=p=0 '" + file + "'"));
    std::vector<std::string> codecs;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) codecs.push_back(line);
    return codecs;
}

double duration_of(const std::string& file) {
    std::string out = run("ffprobe -v error -show_entries format=duration -of csv=p=0 '" + file + "'");
    return out.empty() ? -1 : std::stod(out);
}

int64_t video_frames_of(const std::string& file) {
    std::string out = run("ffprobe -v error -select_streams v -count_packets -show_entries stream=nb_read_packets "
                          "-of csv=p=0 '" + file + "'");
    return out.empty() ? -1 : std::stoll(out);
}

std::vector<double> video_times_of(const std::string& file) {
    std::istringstream in(
        run("ffprobe -v error -select_streams v -show_entries packet=pts_time -of csv=p=0 '" + file + "'"));
    std::vector<double> times;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line != "N/A") times.push_back(std::stod(line));
    std::sort(times.begin(), times.end());
    return times;
}

bool decodes_cleanly(const std::string& file) {
    return run("ffmpeg -v error -i '" + file + "' -f null - 2>&1; echo rc=$?") == "rc=0\n";
}

std::string read_text(const std::string& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string luma_at(const std::string& file, double seconds, int width, int height) {
    std::string raw = run("ffmpeg -v error -ss " + std::to_string(seconds) + " -i '" + file +
                          "' -frames:v 1 -vf scale=" + std::to_string(width) + ":" + std::to_string(height) +
                          " -f rawvideo -pix_fmt gray -");
    return raw.size() == static_cast<size_t>(width) * height ? raw : std::string();
}

double mean_luma(const std::string& luma, int width, int x0, int y0, int x1, int y1) {
    double sum = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) sum += static_cast<unsigned char>(luma[static_cast<size_t>(y) * width + x]);
    return sum / std::max(1, (x1 - x0) * (y1 - y0));
}

double bright_share(const std::string& luma, int width, int x0, int y0, int x1, int y1, int bright) {
    int count = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) count += static_cast<unsigned char>(luma[static_cast<size_t>(y) * width + x]) > bright;
    return static_cast<double>(count) / std::max(1, (x1 - x0) * (y1 - y0));
}

}  // namespace lectern::test

// FFmpeg 5.1's libavfilter leaks one frame (about 8 KB) each time a lavfi input is opened, inside
// avformat_find_stream_info; it is not ours to free. LeakSanitizer reads this hook in ASan builds.
// Full unwinding at malloc lets the suppression see libavfilter's frames below av_malloc.
namespace lectern::test {

RecorderStatus wait_for_status(const Recorder& recorder, const std::function<bool(const RecorderStatus&)>& done) {
    RecorderStatus s = recorder.status();
    for (auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20); !done(s) && std::chrono::steady_clock::now() < end;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling the snapshot, not waiting for an effect
        s = recorder.status();
    }
    return s;
}

RecorderStatus wait_for_frames(const Recorder& recorder, int64_t frames) {
    return wait_for_status(recorder, [&](const RecorderStatus& s) { return s.frames_recorded >= frames; });
}

}  // namespace lectern::test

extern "C" const char* __lsan_default_suppressions() { return "leak:libavfilter.so\n"; }
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }
