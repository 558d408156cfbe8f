#include "recording_station.h"

#include "frame_renderer.h"
#include "segment_join.h"

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <cmath>
#include <stdexcept>
#include <thread>
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

RecordingStation::RecordingStation(const LecternConfig& config, const std::string& time_zone) : config_(config), time_zone_(time_zone) {
    recorder_ = std::make_unique<Recorder>(config_.media);
    recorder_->on_finished([this](const FinishedRecording& done) { finished(done); });
    try {
        uploads_ = std::make_unique<UploadService>(config_.upload);
    } catch (const std::exception& e) {
        upload_problem_ = std::string("Uploads are off: ") + e.what();
    }
    capture_wanted_ = config_.session.auto_record;
    if (capture_wanted_) open_recorder_async();
}

RecordingStation::~RecordingStation() {
    if (opening_.valid()) opening_.wait();
    media_control_.reset();
    if (recorder_) recorder_->close();  // finishes and finalizes a recording in progress
    release_held(true);                 // nothing waits for an undo at exit
}

void RecordingStation::finished(const FinishedRecording& done) {
    std::optional<FinishedRecording> earlier;
    {
        std::lock_guard lock(held_mutex_);
        earlier = join_next_to_;  // stays set (keeping the earlier file held) until the join is done
    }
    FinishedRecording ready = done;
    std::string join_error;
    if (earlier) {
        // An undone split: this file continues the earlier one. Joining a long speech takes a while,
        // so it runs here on the finalizer thread without holding the lock the frame takes.
        if (auto joined = join_recordings(*earlier, done))
            ready = *joined;
        else
            join_error = "Could not join the undone split, so both files are kept and uploaded: " + joined.error();
    }
    std::lock_guard lock(held_mutex_);
    if (!join_error.empty()) upload_problem_ = join_error;
    if (earlier) {
        join_next_to_.reset();
        // The earlier file stayed held while it waited for this one; the joined file replaces it.
        held_.erase(std::remove_if(held_.begin(), held_.end(), [&](const Held& h) { return h.recording.media_path == earlier->media_path; }),
                    held_.end());
        if (ready.media_path != earlier->media_path) held_.push_back({*earlier, std::chrono::steady_clock::now()});
    }
    held_.push_back({ready, std::chrono::steady_clock::now() + (hold_ ? kUndoSplitWindow : seconds{0})});
}

void RecordingStation::release_held(bool all) {
    std::lock_guard lock(held_mutex_);
    const auto now = std::chrono::steady_clock::now();
    for (auto it = held_.begin(); it != held_.end();) {
        const bool awaiting_join = join_next_to_ && join_next_to_->media_path == it->recording.media_path;
        if (!all && (it->until > now || awaiting_join)) {
            ++it;
            continue;
        }
        if (uploads_)
            if (auto queued = uploads_->enqueue(it->recording.media_path, it->recording.sidecar_path); !queued) upload_problem_ = queued.error();
        it = held_.erase(it);
    }
}

void RecordingStation::open_recorder_async() {
    // Opening probes devices and RTSP cameras, which can take seconds: never on the frame.
    opening_ = std::async(std::launch::async, [this] { return recorder_->open(); });
}

MediaRecorderControl& RecordingStation::GuardedControl::open_or_throw() {
    station_.capture_wanted_ = true;  // a command needs the recorder: open it now if nothing did
    if (!station_.media_control_)
        throw std::runtime_error(station_.recorder_problem_.empty() ? "The recorder is still starting; try again in a moment."
                                                                    : station_.recorder_problem_);
    return *station_.media_control_;
}
void RecordingStation::GuardedControl::start(const RecordingPlan& plan) {
    open_or_throw().start(plan);
    std::lock_guard lock(station_.held_mutex_);
    station_.hold_ = true;
}
void RecordingStation::GuardedControl::stop() {
    open_or_throw().stop();
    std::lock_guard lock(station_.held_mutex_);
    station_.hold_ = false;
    for (auto& held : station_.held_) held.until = std::chrono::steady_clock::now();
}
void RecordingStation::GuardedControl::pause() { open_or_throw().pause(); }
void RecordingStation::GuardedControl::resume() { open_or_throw().resume(); }
void RecordingStation::GuardedControl::split(const RecordingPlan& next) { open_or_throw().split(next); }
void RecordingStation::GuardedControl::merge_back() {
    open_or_throw();
    // The earlier file may still be finalizing; wait briefly for it to arrive in the hold list.
    for (int tries = 0; tries < 40; ++tries) {
        {
            std::lock_guard lock(station_.held_mutex_);
            if (!station_.held_.empty()) {
                station_.join_next_to_ = station_.held_.back().recording;
                return;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("The earlier file is not finished yet; try Undo again in a moment.");
}

RecorderView RecordingStation::recorder_view(FrameRenderer& renderer) {
    if (opening_.valid() && opening_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        auto opened = opening_.get();
        if (opened) {
            media_control_ = std::make_unique<MediaRecorderControl>(*recorder_, config_.kiosk.id, time_zone_);
            recorder_problem_.clear();
        } else {
            recorder_problem_ = opened.error();
            next_open_try_ = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        }
    }
    if (!media_control_ && !opening_.valid() && capture_wanted_ && std::chrono::steady_clock::now() >= next_open_try_)
        open_recorder_async();
    release_held(false);

    RecorderView view;
    if (!media_control_) {
        view.state = recorder_problem_.empty() ? RecorderView::State::Idle : RecorderView::State::Failed;
        view.message = !recorder_problem_.empty() ? recorder_problem_ + " (retrying every 10 s)"
                       : capture_wanted_          ? "Starting the recorder…"
                                                  : "The recorder opens when a screen or a recording needs it";
        return view;
    }
    const RecorderStatus s = recorder_->status();
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
    for (const ChannelLevel& c : recorder_->audio_levels().channels) {
        view.peak_dbfs.push_back(static_cast<float>(c.peak_dbfs));
        view.rms_dbfs.push_back(static_cast<float>(c.rms_dbfs));
        heard |= c.peak_dbfs > kSilenceDbfs;
    }
    if (heard || s.state != RecorderState::Recording) sound_last_heard_ = now;
    if (const auto quiet = std::chrono::duration_cast<seconds>(now - sound_last_heard_); quiet >= kSilenceAlert)
        view.alerts.push_back("Silence for " + std::to_string(quiet.count()) + " s: check the microphone and the mixer");
    if (recorder_->latest_preview(preview_) && !preview_.rgba.empty())
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
    std::lock_guard lock(held_mutex_);
    for (const Held& held : held_) {
        UploadRow row;
        row.file = std::filesystem::path(held.recording.media_path).filename().string();
        row.target = "upload";
        row.state = "held";
        row.error = "waits while the split can be undone";
        rows.push_back(row);
    }
    std::reverse(rows.begin(), rows.end());
    return rows;
}

void RecordingStation::apply_upload_intents(const std::vector<Intent>& intents) {
    if (!uploads_) return;
    for (const Intent& i : intents) {
        tl::expected<void, std::string> done;
        if (i.kind == IntentKind::RetryUpload) done = uploads_->retry(i.upload_id);
        if (i.kind == IntentKind::PauseUpload) done = uploads_->pause(i.upload_id);
        if (i.kind == IntentKind::CancelUpload) done = uploads_->cancel(i.upload_id);
        if (!done) {
            std::lock_guard lock(held_mutex_);
            upload_problem_ = done.error();
        }
    }
}

const StatsHistory& RecordingStation::sample_stats(TimePoint now) {
    if (now < last_sample_ + seconds{1}) return stats_;
    const double cpu = process_cpu_seconds();
    const double wall = last_sample_.time_since_epoch().count() ? static_cast<double>((now - last_sample_).count()) : 0;
    if (wall > 0) push(stats_.cpu_percent, static_cast<float>(100.0 * (cpu - last_cpu_seconds_) / wall));
    last_cpu_seconds_ = cpu;
    last_sample_ = now;
    push(stats_.video_kbps, media_control_ ? static_cast<float>(recorder_->status().bitrate_kbps) : 0.0f);
    double upload = 0;
    for (const UploadRow& row : upload_rows()) upload += row.bytes_per_second;
    push(stats_.upload_mbps, static_cast<float>(upload / 1e6));
    return stats_;
}

std::vector<std::string> RecordingStation::problems() const {
    std::lock_guard lock(held_mutex_);
    std::vector<std::string> out;
    if (!upload_problem_.empty()) out.push_back(upload_problem_);
    return out;
}

}  // namespace lectern
