// The encode thread's reports: the RecorderStatus snapshot (4 a second) and the disk watch.
#include "recorder_impl.h"

#include "disk_watch.h"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace lectern {

void Recorder::Impl::check_disk() {
    auto now = Clock::now();
    if (now - last_disk < 1s) return;
    last_disk = now;
    int64_t free = free_bytes(output_dir);
    if (free < 0) return;
    int64_t mb = free / (1024 * 1024);
    disk_alert = mb < config.disk_warn_mb ? "disk low: " + std::to_string(mb) + " MB left in " + output_dir : "";
    if (mb < config.disk_stop_mb && (state == RecorderState::Recording || state == RecorderState::Paused))
        end("stopped: disk almost full (" + std::to_string(mb) + " MB left); free space in " + output_dir);
}

void Recorder::Impl::publish_status(bool force) {
    auto now = Clock::now();
    double window = std::chrono::duration<double>(now - last_status).count();
    if (!force && window < 0.25) return;
    RecorderStatus s;
    s.state = state;
    s.message = message;
    {
        std::lock_guard lock(source_mutex);
        for (const auto& p : source_problem)
            if (!p.empty()) s.alerts.push_back(p);
    }
    if (in_slate) s.alerts.insert(s.alerts.begin(), "no signal: recording slate and silence");
    if (!disk_alert.empty()) s.alerts.push_back(disk_alert);
    if (!segments.empty()) {
        const OpenSegment& seg = segments.back();
        s.elapsed_seconds = static_cast<double>(next_frame - seg.first_frame) / config.fps;
        s.file_path = seg.job.partial_path;
        s.file_bytes = seg.writer->bytes();
        if (s.elapsed_seconds > 0) s.bitrate_kbps = s.file_bytes * 8 / s.elapsed_seconds / 1000;
    }
    s.frames_captured = frames_captured;
    s.frames_recorded = next_frame;
    s.slate_frames = slate_frames;
    s.duplicated_frames = duplicated_frames;
    s.skipped_frames = skipped_frames;
    s.dropped_frames = dropped_frames;
    s.dropped_previews = dropped_previews;
    s.video_queue = static_cast<int>(video_queue.size());
    s.video_queue_capacity = static_cast<int>(video_queue.capacity());
    s.audio_queue_ms = static_cast<int>(audio.size() * 1000LL / config.sample_rate);
    s.source_ok = video_ok && !in_slate;
    s.segment = static_cast<int>(segment_number);
    s.file_id = segments.empty() || state == RecorderState::Idle ? 0 : segments.back().job.file_id;
    s.commands_done = commands_done;
    {
        std::lock_guard lock(status_mutex);
        if (window >= 0.25) {
            s.fps_in = (s.frames_captured - status_frames_in) / window;
            s.fps_out = std::max<int64_t>(0, s.frames_recorded - status_frames_out) / window;
            double busy_s = std::chrono::duration<double>(busy).count();
            s.encode_speed = busy_s > 0 ? busy_media / busy_s : 0;
            status_frames_in = s.frames_captured;
            status_frames_out = s.frames_recorded;
            busy = {};
            busy_media = 0;
            last_status = now;
        } else {
            s.fps_in = published.fps_in;
            s.fps_out = published.fps_out;
            s.encode_speed = published.encode_speed;
        }
        published = std::move(s);
    }
}

}  // namespace lectern
