#include "recording_station.h"

#include "frame_renderer.h"
#include "segment_join.h"
#include "sidecar.h"

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace lectern {

namespace {

constexpr size_t kStatsSamples = 300;  // five minutes at one a second
constexpr double kSilenceDbfs = -50;    // peaks below this are no speech
constexpr seconds kSilenceAlert{10};

double process_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

void push(std::vector<float>& series, float value) {
    series.push_back(value);
    if (series.size() > kStatsSamples) series.erase(series.begin());
}

RecorderView::State view_state(RecorderState s) {
    switch (s) {
        case RecorderState::Idle: return RecorderView::State::Idle;
        case RecorderState::Recording: return RecorderView::State::Recording;
        case RecorderState::Paused: return RecorderView::State::Paused;
        case RecorderState::Failed: return RecorderView::State::Failed;
    }
    return RecorderView::State::Unavailable;
}

}  // namespace

RecordingStation::RecordingStation(const LecternConfig& config, const std::string& time_zone) : config_(config) {
    try {
        uploads_ = std::make_unique<UploadService>(config_.upload);
    } catch (const std::exception& e) {
        upload_problem_ = std::string("Uploads are off: ") + e.what();
    }
    held_ = std::make_unique<HeldRecordings>(kUndoSplitWindow, [this](const FinishedRecording& f) -> tl::expected<void, std::string> {
        if (!uploads_) return tl::unexpected(upload_problem_ + "; the recording waits on disk and is queued at the next start");
        auto queued = uploads_->enqueue(f.media_path, f.sidecar_path);
        if (queued) try {
                const std::string item = read_sidecar(f.sidecar_path).item_id;  // the queue just read it too
                std::lock_guard lock(handed_mutex_);
                handed_on_.insert(item);
            } catch (const std::exception&) {  // unreadable now: the queue has it, the console keeps Edit
            }
        return queued;
    });
    // Files written down by an earlier run (killed within the undo window, or uploads were off).
    held_->recover(resolved_output_dir(config_.media));
    handoff_ = std::make_unique<UploadHandoff>(*held_, uploads_.get(), [this](const std::string& problem) {
        std::lock_guard lock(problem_mutex_);
        upload_problem_ = problem;
    });
    recorder_ = std::make_unique<RecorderOpener>(config_.media, config_.kiosk.id, time_zone);
    recorder_->recorder().on_finished([this](const FinishedRecording& done) { held_->finished(done, std::chrono::steady_clock::now()); });
    recorder_->recorder().on_corrected([this](const RecordingMeta&) { held_->apply_corrections(); });
    capture_wanted_ = config_.session.auto_record;
    recorder_->poll(capture_wanted_);
}

RecordingStation::~RecordingStation() {
    if (recorder_) recorder_->close();  // finishes and finalizes a recording in progress
    handoff_.reset();
    held_->release_due(std::chrono::steady_clock::now(), true);  // nothing waits for an undo at exit
}

MediaRecorderControl& RecordingStation::GuardedControl::open_or_throw() {
    station_.capture_wanted_ = true;  // a command needs the recorder: open it now if nothing did
    return station_.recorder_->control_or_throw();
}
void RecordingStation::GuardedControl::start(const RecordingPlan& plan) { open_or_throw().start(plan); }
void RecordingStation::GuardedControl::stop() {
    open_or_throw().stop();
    station_.held_->stop();
}
void RecordingStation::GuardedControl::pause() { open_or_throw().pause(); }
void RecordingStation::GuardedControl::resume() { open_or_throw().resume(); }
void RecordingStation::GuardedControl::split(const RecordingPlan& next) {
    MediaRecorderControl& control = open_or_throw();
    const uint64_t ended = control.current_file();
    control.split(next);
    station_.held_->split(ended, control.current_file(), std::chrono::steady_clock::now());
}
void RecordingStation::GuardedControl::merge_back() {
    open_or_throw();
    if (auto ok = station_.held_->undo(std::chrono::steady_clock::now()); !ok) throw std::runtime_error(ok.error());
}
// An item on tape was corrected: files held before upload wait for it (from now), the file being
// recorded takes it at finalize, and the held ones are rewritten on the finalizer thread.
void RecordingStation::GuardedControl::correct(const RecordingPlan& corrected) {
    MediaRecorderControl* control = station_.recorder_->control();
    if (!control) return;  // never opened: nothing of this run is on tape
    station_.held_->correct(meta_from_plan(corrected, station_.config_.kiosk.id, ""));
    control->correct(corrected);
}
bool RecordingStation::GuardedControl::handed_on(const std::string& item_id) const {
    std::lock_guard lock(station_.handed_mutex_);
    return station_.handed_on_.count(item_id) > 0;
}
RecorderActivity RecordingStation::GuardedControl::activity() const {
    const MediaRecorderControl* control = station_.recorder_->control();
    return control ? control->activity() : RecorderActivity::Pending;
}

RecorderView RecordingStation::recorder_view(FrameRenderer& renderer) {
    recorder_->poll(capture_wanted_);

    RecorderView view;
    if (!recorder_->is_open()) {
        const std::string& problem = recorder_->problem();
        view.state = problem.empty() ? RecorderView::State::Idle : RecorderView::State::Failed;
        view.message = !problem.empty() ? problem + " (retrying every 10 s)"
                       : capture_wanted_          ? "Starting the recorder…"
                                                  : "The recorder opens when a screen or a recording needs it";
        return view;
    }
    const RecorderStatus s = recorder_->recorder().status();
    view.state = view_state(s.state);
    view.message = s.message;
    view.alerts = s.alerts;
    view.elapsed = seconds{static_cast<long long>(s.elapsed_seconds)};
    view.file_bytes = static_cast<uint64_t>(s.file_bytes);
    view.dropped_frames = static_cast<uint64_t>(s.dropped_frames);
    view.fps = s.fps_out;
    if (s.dropped_frames > 0) view.alerts.push_back(std::to_string(s.dropped_frames) + " frames dropped: the encoder is falling behind");
    const auto now = std::chrono::steady_clock::now();
    bool heard = false;
    for (const ChannelLevel& c : recorder_->recorder().audio_levels().channels) {
        view.peak_dbfs.push_back(static_cast<float>(c.peak_dbfs));
        view.rms_dbfs.push_back(static_cast<float>(c.rms_dbfs));
        heard |= c.peak_dbfs > kSilenceDbfs;
    }
    if (heard || s.state != RecorderState::Recording) sound_last_heard_ = now;
    if (const auto quiet = std::chrono::duration_cast<seconds>(now - sound_last_heard_); quiet >= kSilenceAlert)
        view.alerts.push_back("Silence for " + std::to_string(quiet.count()) + " s: check the microphone and the mixer");
    if (recorder_->recorder().latest_preview(preview_) && !preview_.rgba.empty())
        preview_texture_ = renderer.update_preview(preview_.rgba.data(), preview_.width, preview_.height);
    view.preview = preview_texture_;
    view.preview_width = preview_.width;
    view.preview_height = preview_.height;
    if (uploads_) uploads_->set_recording_active(s.state == RecorderState::Recording);
    return view;
}

std::vector<UploadRow> RecordingStation::upload_rows() const {
    std::vector<UploadRow> rows;
    if (!uploads_) return rows;
    for (const UploadJobView& job : uploads_->view().jobs) {
        UploadRow row;
        row.id = job.id;
        row.file = job.file_name;
        row.target = job.target;
        row.state = to_string(job.state);
        row.fraction = job.bytes_total > 0 ? static_cast<float>(job.bytes_done) / static_cast<float>(job.bytes_total) : 0;
        if (job.state == JobState::Done) row.fraction = 1;
        row.bytes_per_second = job.bytes_per_s;
        row.eta = seconds{std::max<int64_t>(0, job.eta_s)};
        row.error = job.last_error;
        rows.push_back(row);
    }
    // Files still waiting out the undo window come next, then the queue, newest first: the speech
    // that just ended is what the technician looks for.
    for (const HeldRecordings::Row& held : held_->rows()) {
        UploadRow row;
        row.file = std::filesystem::path(held.media_path).filename().string();
        row.target = "upload";
        row.state = "held";
        row.error = held.why;
        rows.push_back(row);
    }
    std::reverse(rows.begin(), rows.end());
    return rows;
}

void RecordingStation::apply_upload_intents(const std::vector<Intent>& intents) { handoff_->post(intents); }

const StatsHistory& RecordingStation::sample_stats(TimePoint now) {
    if (now < last_sample_ + seconds{1}) return stats_;
    const double cpu = process_cpu_seconds();
    const double wall = last_sample_.time_since_epoch().count() ? static_cast<double>((now - last_sample_).count()) : 0;
    if (wall > 0) push(stats_.cpu_percent, static_cast<float>(100.0 * (cpu - last_cpu_seconds_) / wall));
    last_cpu_seconds_ = cpu;
    last_sample_ = now;
    push(stats_.video_kbps, recorder_->is_open() ? static_cast<float>(recorder_->recorder().status().bitrate_kbps) : 0.0f);
    double upload = 0;
    for (const UploadRow& row : upload_rows()) upload += row.bytes_per_second;
    push(stats_.upload_mbps, static_cast<float>(upload / 1e6));
    return stats_;
}

std::vector<std::string> RecordingStation::problems() const {
    std::vector<std::string> out;
    {
        std::lock_guard lock(problem_mutex_);
        if (!upload_problem_.empty()) out.push_back(upload_problem_);
    }
    if (std::string held = held_->problem(); !held.empty() && (out.empty() || held.find(out[0]) != 0)) out.push_back(held);
    return out;
}

StationInputs RecordingStation::status_inputs() const {
    StationInputs in = recorder_inputs(*recorder_, uploads_.get());
    in.recorder_wanted = capture_wanted_;
    return in;
}

}  // namespace lectern
