// The Recorder's public side: open the sources and start the capture threads (capture_threads.cpp)
// and the encode thread (encode_loop.cpp), commands, status, close.
#include "recorder_impl.h"

#include "disk_watch.h"

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/file.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace lectern {

const char* to_string(RecorderState state) {
    switch (state) {
        case RecorderState::Idle: return "idle";
        case RecorderState::Recording: return "recording";
        case RecorderState::Paused: return "paused";
        case RecorderState::Failed: return "failed";
    }
    return "?";
}

Recorder::Impl::Impl(MediaConfig c, bool rt)
    : config(std::move(c)),
      real_time(rt),
      output_dir(resolved_output_dir(config)),
      format{config.width, config.height, config.fps, config.sample_rate, config.channels, fit_from_name(config.fit)},
      // One second of pictures (42 MB at 720p, 93 MB at 1080p): half a second was not enough to
      // ride out the stalls of a 2-core machine shared with compiles (bench, BENCHMARKS.md).
      video_queue(static_cast<size_t>(std::max(8, config.fps))),
      audio(config.sample_rate, config.channels),
      meter(config.sample_rate, config.channels),
      preview(config.preview_width, config.preview_fps, config.fps),
      finalizer(std::make_unique<Finalizer>()) {}

Recorder::Recorder(MediaConfig config, bool real_time) : impl_(std::make_shared<Impl>(std::move(config), real_time)) {}

Recorder::~Recorder() { close(); }

namespace {

tl::expected<void, std::string> check_folder(const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return tl::unexpected("output folder " + dir + ": cannot create it (" + ec.message() +
                                  "); set [media] output_dir or --out to a writable folder");
    const std::string probe = (fs::path(dir) / ".lectern-write-test").string();
    std::ofstream(probe) << "x";
    if (!fs::exists(probe))
        return tl::unexpected("output folder " + dir + " is not writable by this user; fix its permissions "
                              "or set [media] output_dir or --out to a writable folder");
    fs::remove(probe, ec);
    return {};
}

// One recorder per folder: a second one would take the first one's live file for a crash's and
// rename it. flock ends with its owner (kill -9 included), unlike a PID written to a file.
tl::expected<int, std::string> lock_folder(const std::string& dir) {
    // The folder itself is locked (flock works on a directory's descriptor): no lock file to leave behind.
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return tl::unexpected("output folder " + dir + ": cannot open it to lock it; check its permissions");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return tl::unexpected("output folder " + dir + " is in use by another recorder (a `lectern record` or the kiosk); "
                              "stop that one, or give this one another folder with --out or [media] output_dir");
    }
    return fd;
}

}  // namespace

tl::expected<void, std::string> Recorder::open() {
    Impl& m = *impl_;
    if (m.opened) return {};
    // libx264 and the muxers report statistics at INFO; a kiosk log wants warnings and errors.
    if (av_log_get_level() == AV_LOG_INFO) av_log_set_level(AV_LOG_WARNING);
    if (auto ok = check_folder(m.output_dir); !ok) return ok;
    auto lock = lock_folder(m.output_dir);
    if (!lock) return tl::unexpected(lock.error());
    m.lock_fd = *lock;
    struct Unlock {  // until open() succeeds
        Impl& m;
        bool keep = false;
        ~Unlock() {
            if (!keep && m.lock_fd >= 0) ::close(m.lock_fd), m.lock_fd = -1;
        }
    } unlock{m};
    SourceSpec video = video_source_spec(m.config);
    if (!m.real_time) video.live = video.pace = false;
    auto video_input = std::make_unique<CaptureInput>(video, m.format, m.quit);
    auto opened = video_input->open();
    if (!opened && m.config.source == "synthetic") {
        // drawtext needs fontconfig and a font; without them the pattern still runs, without its clock.
        video.url = synthetic_graph(m.config, false);
        video_input = std::make_unique<CaptureInput>(video, m.format, m.quit);
        opened = video_input->open();
    }
    if (!opened) return opened;
    std::unique_ptr<CaptureInput> audio_input;
    if (auto spec = audio_source_spec(m.config)) {
        audio_input = std::make_unique<CaptureInput>(*spec, m.format, m.quit);
        if (auto ok = audio_input->open(); !ok) return ok;
    }
    m.recovered = m.finalizer->recover(m.output_dir);
    m.opened = true;
    unlock.keep = true;
    Impl::start_capture(impl_, std::move(video_input), 0);
    if (audio_input) Impl::start_capture(impl_, std::move(audio_input), 1);
    m.encode_thread = std::thread([&m] { m.encode_loop_guarded(); });
    return {};
}

// An exception on the encode thread would end the process and lose every open file: it becomes
// a failed recorder (an alert on the console), the files so far are closed and finalized, and the
// loop goes on so that the next Start works.
void Recorder::Impl::encode_loop_guarded() {
    while (true) {
        try {
            encode_loop();
            return;
        } catch (const std::exception& e) {
            fail(std::string("the encode thread stopped on an error: ") + e.what());
        } catch (...) {
            fail("the encode thread stopped on an unknown error");
        }
        try {
            teardown_if_failed();
        } catch (...) {
            segments.clear();  // the files stay on disk as they are; the next start recovers them
            video_encoder.reset();
            audio_encoder.reset();
        }
        publish_status(true);
        if (quit) return;
    }
}

uint64_t Recorder::Impl::post(RecorderCommand c) {
    std::lock_guard lock(command_mutex);
    const uint64_t id = c.id = ++last_command;
    commands.push_back(std::move(c));
    return id;
}

tl::expected<void, std::string> Recorder::start(RecordingMeta meta) {
    if (!impl_->opened) return tl::unexpected(std::string("the recorder is not open; call open() first"));
    auto done = std::make_shared<std::promise<tl::expected<void, std::string>>>();
    auto result = done->get_future();
    impl_->post({RecorderCommand::Start, std::move(meta), 0, done, 0});
    if (result.wait_for(10s) != std::future_status::ready)
        return tl::unexpected(std::string("the encode thread did not answer within 10 s"));
    return result.get();
}

void Recorder::stop() { impl_->post({RecorderCommand::Stop, {}, 0, nullptr}); }
void Recorder::stop_at(double media_seconds) {
    impl_->post({RecorderCommand::StopAt, {}, std::llround(media_seconds * impl_->config.fps), nullptr});
}
void Recorder::pause() { impl_->post({RecorderCommand::Pause, {}, 0, nullptr}); }
void Recorder::resume() { impl_->post({RecorderCommand::Resume, {}, 0, nullptr}); }
tl::expected<uint64_t, std::string> Recorder::request_start(RecordingMeta meta) {
    if (!impl_->opened) return tl::unexpected(std::string("the recorder is not open; call open() first"));
    return impl_->post({RecorderCommand::Start, std::move(meta), 0, nullptr, 0});
}
uint64_t Recorder::split(RecordingMeta next) { return impl_->post({RecorderCommand::Split, std::move(next), 0, nullptr, 0}); }
uint64_t Recorder::last_command() const { return impl_->last_command; }

RecorderStatus Recorder::status() const {
    std::lock_guard lock(impl_->status_mutex);
    return impl_->published;
}

bool Recorder::latest_preview(PreviewFrame& out) const {
    return impl_->preview.latest(out, std::chrono::steady_clock::now());
}
AudioLevels Recorder::audio_levels() const { return impl_->meter.levels(); }

void Recorder::on_finished(std::function<void(const FinishedRecording&)> callback) {
    impl_->finalizer->set_callback(std::move(callback));
}

void Recorder::correct(const RecordingMeta& corrected) { impl_->finalizer->correct(corrected, impl_->output_dir); }

void Recorder::on_corrected(std::function<void(const RecordingMeta&)> callback) {
    impl_->finalizer->set_corrected_callback(std::move(callback));
}

std::optional<FinishedRecording> Recorder::wait_finished(std::chrono::milliseconds timeout) {
    return impl_->finalizer->wait_finished(timeout);
}

int Recorder::recovered_at_open() const { return impl_->recovered; }

std::vector<std::string> Recorder::finalize_errors() const {
    return impl_->finalizer->errors();
}

void Recorder::close() {
    Impl& m = *impl_;
    if (!m.opened) return;
    m.opened = false;
    // The encode thread finishes the open file before it returns.
    m.quit = true;
    m.video_queue.close();
    if (m.encode_thread.joinable()) m.encode_thread.join();
    m.join_capture_threads();
    m.finalizer->drain();
    if (m.lock_fd >= 0) ::close(m.lock_fd);
    m.lock_fd = -1;
}

}  // namespace lectern
