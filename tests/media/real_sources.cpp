#include "real_sources.h"

#include "media_test_support.h"

#include <algorithm>
#include <csignal>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <future>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace lectern::test {
namespace {

bool poll(const std::function<bool()>& done, double seconds) {
    auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

std::string server_script(const std::string& name) { return source_dir() + "/tests/servers/" + name; }

}  // namespace

SourceProcess::SourceProcess(std::vector<std::string> argv, std::string dir, std::string ready_file,
                             std::string ready_text)
    : argv_(std::move(argv)), dir_(std::move(dir)), ready_file_(std::move(ready_file)), ready_text_(std::move(ready_text)) {
    restart();
}

void SourceProcess::kill() {
    if (process_) process_->kill9();
    process_.reset();
}

void SourceProcess::signal(int sig) {
    if (process_) ::kill(-process_->pid(), sig);
}

void SourceProcess::restart() {
    kill();
    std::error_code ec;
    if (!ready_file_.empty()) std::filesystem::remove(ready_file_, ec);
    process_ = std::make_unique<ChildProcess>(argv_, std::map<std::string, std::string>{},
                                              dir_ + "/log-" + std::to_string(++starts_) + ".txt");
    // Generous: other engineers compile on the same two cores.
    // No ready file: the process says it is ready in its own log.
    if (!poll([&] { return (ready_file_.empty() ? log() : read_file(ready_file_)).find(ready_text_) != std::string::npos; }, 60))
        throw std::runtime_error(argv_[0] + " " + argv_[1] + " did not get ready; its log:\n" + log() +
                                 "\n(scripts/deps/test-media.txt lists the packages it needs)");
}

std::string SourceProcess::log() const { return read_file(dir_ + "/log-" + std::to_string(starts_) + ".txt"); }

RtspCamera::RtspCamera(const std::string& dir, const std::string& sync_microphone, const std::string& timing) {
    // The restarted server listens on the same port, as a camera would.
    int port = free_port();
    url = "rtsp://127.0.0.1:" + std::to_string(port) + "/camera";
    std::vector<std::string> argv{python(), server_script("rtsp_camera.py"), "--port", std::to_string(port)};
    if (!sync_microphone.empty()) argv.insert(argv.end(), {"--sync-microphone", sync_microphone});
    if (!timing.empty()) argv.insert(argv.end(), {"--timing", timing});
    process = std::make_unique<SourceProcess>(argv, dir, "", url);
}

SilentRtspCamera::SilentRtspCamera(const std::string& dir, bool mute) {
    int port = free_port();
    url = "rtsp://127.0.0.1:" + std::to_string(port) + "/camera";
    std::vector<std::string> argv{python(), server_script("silent_rtsp.py"), "--port", std::to_string(port)};
    if (mute) argv.push_back("--mute");
    process = std::make_unique<SourceProcess>(argv, dir, "", url);
}

std::vector<double> sent_offsets(const std::string& timing_file) {
    std::map<long, double> flash, beep;
    std::istringstream in(read_file(timing_file));
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        std::string kind;
        long second = 0;
        double at = 0;
        fields >> kind;
        if (kind == "session") flash.clear(), beep.clear();
        if (!(fields >> second >> at)) continue;
        if (kind == "flash") flash[second] = at;
        if (kind == "beep") beep[second] = at;
    }
    std::vector<double> offsets;
    for (const auto& [second, at] : flash)
        if (auto b = beep.find(second); b != beep.end()) offsets.push_back(b->second - at);
    return offsets;
}

PulseTone::PulseTone(const std::string& dir, int frequency) {
    server = "unix:" + dir + "/native";
    microphone_fifo = dir + "/microphone.fifo";
    process = std::make_unique<SourceProcess>(
        std::vector<std::string>{"sh", server_script("pulse_tone.sh"), dir, std::to_string(frequency)}, dir, "",
        "ready");
}

XvfbPicture::XvfbPicture(const std::string& dir, const std::string& size, const std::string& picture) {
    process = std::make_unique<SourceProcess>(
        std::vector<std::string>{"sh", server_script("xvfb_picture.sh"), dir + "/display", size, picture}, dir,
        dir + "/display", ":");
    display = read_file(dir + "/display");
    while (!display.empty() && display.back() == '\n') display.pop_back();
}

Tone tone_of(const std::string& file, double from, double seconds) {
    std::string raw = run("ffmpeg -v error -ss " + std::to_string(from) + " -t " + std::to_string(seconds) + " -i '" +
                          file + "' -map 0:a -af 'pan=mono|c0=c0' -f f32le -");
    const size_t n = raw.size() / sizeof(float);
    const float* x = reinterpret_cast<const float*>(raw.data());
    Tone t;
    if (n < 2) return t;
    double sum = 0;
    // Frequency from the median period between upward zero crossings (placed between samples):
    // one click from a moment of overload (a late packet replaced by silence) moves a count of
    // crossings, not the median.
    std::vector<double> ups, periods;
    for (size_t i = 0; i < n; ++i) {
        sum += static_cast<double>(x[i]) * x[i];
        if (i > 0 && x[i - 1] < 0 && x[i] >= 0) ups.push_back(i - 1 + x[i - 1] / (x[i - 1] - x[i]));
    }
    for (size_t i = 1; i < ups.size(); ++i) periods.push_back(ups[i] - ups[i - 1]);
    t.rms = std::sqrt(sum / n);
    if (periods.empty()) return t;
    std::nth_element(periods.begin(), periods.begin() + periods.size() / 2, periods.end());
    t.frequency = 48000.0 / periods[periods.size() / 2];
    return t;
}

RecorderStatus wait_for(const Recorder& recorder, const std::function<bool(const RecorderStatus&)>& done,
                        double seconds) {
    RecorderStatus s = recorder.status();
    poll([&] { return done(s = recorder.status()); }, seconds);
    return s;
}

bool has_alert(const RecorderStatus& s, const std::string& text) {
    for (const auto& a : s.alerts)
        if (a.find(text) != std::string::npos) return true;
    return false;
}

std::optional<FailedOpen> failed_open_within(std::unique_ptr<Recorder>& recorder, double seconds) {
    auto answer = std::make_shared<std::promise<std::optional<FailedOpen>>>();
    auto answered = answer->get_future();
    std::thread opener([r = recorder.get(), answer] {
        const auto begin = std::chrono::steady_clock::now();
        auto result = r->open();
        const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        answer->set_value(result ? std::nullopt : std::optional<FailedOpen>(FailedOpen{result.error(), took}));
    });
    if (answered.wait_for(std::chrono::duration<double>(seconds)) != std::future_status::ready) {
        opener.detach();
        (void)recorder.release();
        return std::nullopt;
    }
    opener.join();
    return answered.get();
}

}  // namespace lectern::test
