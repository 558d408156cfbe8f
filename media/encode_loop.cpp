// The encode+write thread: takes frames from the queue (or makes slate when the source is
// silent), encodes H.264 and AAC with counted timestamps and hands packets to the open files
// (segment_routing.cpp). Commands, splits included, apply here at a frame boundary, so every
// captured frame lands in exactly one file.
#include "recorder_impl.h"

#include "disk_watch.h"
#include "slate.h"

#include <cmath>
#include <pthread.h>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace lectern {
namespace {

constexpr int kAacFrame = 1024;

}  // namespace

void Recorder::Impl::encode_loop() {
    pthread_setname_np(pthread_self(), "lectern-encode");
    slate = make_slate(config.width, config.height);
    const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / config.fps));
    // After a second without a picture the source counts as lost and slate takes over.
    const auto stall = std::max<Clock::duration>(1s, 4 * period);
    last_input = Clock::now();
    while (true) {
        teardown_if_failed();
        apply_commands();
        auto frame = video_queue.pop_for(real_time ? period / 2 : Clock::duration(50ms));
        auto now = Clock::now();
        if (frame) {
            last_input = now;
            if (in_slate) anchor_generation = -1;  // the timeline went on with slate: anchor again
            in_slate = false;
            handle_frame(frame->frame.get(), false, &*frame);
        } else if (quit) {
            break;
        } else if (now - last_input >= stall) {
            // The slate covers the silent second too, so the file's time does not fall behind the room's.
            if (!in_slate) next_slate = last_input + period;
            in_slate = true;
            // Slate keeps the frame rate by the wall clock, so the file's time matches the room's.
            while (next_slate <= now) {
                av::FramePtr plate = av::make_frame();
                av_frame_ref(plate.get(), slate.get());
                handle_frame(plate.get(), true, nullptr);
                next_slate += period;
            }
        }
        check_disk();
        publish_status(false);
    }
    if (state == RecorderState::Recording || state == RecorderState::Paused) end("stopped: the recorder closed");
    teardown_if_failed();
    publish_status(true);
}

void Recorder::Impl::apply_commands() {
    while (true) {
        RecorderCommand c;
        {
            std::lock_guard lock(command_mutex);
            if (commands.empty()) return;
            // A split before any frame reached the current file would make an empty file: wait a frame.
            if (commands.front().kind == RecorderCommand::Split && !segments.empty() &&
                segments.back().first_frame == next_frame)
                return;
            c = std::move(commands.front());
            commands.pop_front();
        }
        applying_command = c.id;
        bool active = state == RecorderState::Recording || state == RecorderState::Paused;
        switch (c.kind) {
            case RecorderCommand::Start: {
                if (active) end("stopped: a new recording started");
                auto ok = begin(c.meta);
                if (!ok) {
                    fail(ok.error());
                    teardown_if_failed();
                }
                commands_done = c.id;
                publish_status(true);  // before answering, so status() after start() already says so
                if (c.done) c.done->set_value(ok);
                break;
            }
            case RecorderCommand::Stop:
                if (active) end("stopped");
                break;
            case RecorderCommand::StopAt: stop_at_frame = c.frames; break;
            case RecorderCommand::Pause:
                if (state == RecorderState::Recording) state = RecorderState::Paused;
                break;
            case RecorderCommand::Resume:
                if (state == RecorderState::Paused) {
                    state = RecorderState::Recording;
                    anchor_generation = -1;  // the paused time is left out: anchor again
                    force_key = true;  // the picture jumps: start a new GOP
                }
                break;
            case RecorderCommand::Split:
                if (!active) break;
                if (auto ok = open_segment(c.meta); !ok) fail(ok.error());
                break;
        }
        commands_done = c.id;
        publish_status(true);
    }
}

tl::expected<void, std::string> Recorder::Impl::begin(const RecordingMeta& meta) {
    // Refuse rather than start a file that the disk watch would stop a second later.
    if (int64_t free = free_bytes(output_dir); free >= 0 && free / (1024 * 1024) < config.disk_stop_mb)
        return tl::unexpected("disk almost full: " + std::to_string(free / (1024 * 1024)) + " MB left in " + output_dir +
                              " (recording needs more than disk_stop_mb = " + std::to_string(config.disk_stop_mb) +
                              " MB); free space there or set [media] output_dir to another disk");
    auto video = Encoder::h264(config);
    if (!video) return tl::unexpected(video.error());
    auto aac = Encoder::aac(config);
    if (!aac) return tl::unexpected(aac.error());
    video_encoder.emplace(std::move(*video));
    audio_encoder.emplace(std::move(*aac));
    next_frame = next_sample = slate_frames = duplicated_frames = skipped_frames = pending_silence = 0;
    anchor_generation = -1;  // the first picture anchors; sound from before it is skipped then
    segment_number = 0;
    stop_at_frame = -1;
    if (auto ok = open_segment(meta); !ok) {
        video_encoder.reset();
        audio_encoder.reset();
        return ok;
    }
    state = RecorderState::Recording;
    message = "recording";
    return {};
}

void Recorder::Impl::handle_frame(AVFrame* frame, bool slate_frame, const CapturedFrame* source) {
    bool lagging = video_queue.size() > video_queue.capacity() / 2;
    // Preview is the first thing to go when the encoder lags (a non-live source always "lags").
    if (preview.due(frames_seen++, std::chrono::steady_clock::now())) {
        if (lagging && real_time) ++dropped_previews;
        else preview.offer(frame);
    }
    if (state != RecorderState::Recording) {
        audio.clear();  // nothing records this moment's sound; keep the buffer fresh for the next start
        return;
    }
    if (source && source->generation != anchor_generation) anchor(*source);
    int64_t copies = source && real_time ? copies_for(*source) : 1;
    for (int64_t i = 0; i < copies && state == RecorderState::Recording; ++i) encode_frame(frame, slate_frame);
}

void Recorder::Impl::anchor(const CapturedFrame& source) {
    anchor_generation = source.generation;
    anchor_time = source.source_time;
    anchor_capture = source.capture_time;
    anchor_frame = next_frame;
    audio_run = -1;  // place the sound again, relative to this picture
}

// A source whose own rate differs from fps (a 25 or 29.97 fps camera, a 25 fps file) would drift
// from the sound and the wall clock if frames were only counted. Its timestamps say where each
// frame belongs; a frame more than one frame early is skipped, a gap of more than one is filled
// by repeating the frame (25 -> 30 fps repeats every fifth). Sources at fps are never touched.
int64_t Recorder::Impl::copies_for(const CapturedFrame& source) {
    if (source.source_time < 0) return 1;
    int64_t target = anchor_frame + std::llround((source.source_time - anchor_time) * config.fps);
    if (next_frame > target + 1) {
        ++skipped_frames;
        return 0;
    }
    if (next_frame < target - 1) {
        int64_t extra = std::min<int64_t>(target - next_frame, config.fps);
        duplicated_frames += extra;
        return 1 + extra;
    }
    return 1;
}

void Recorder::Impl::encode_frame(AVFrame* frame, bool slate_frame) {
    auto t0 = Clock::now();
    frame->pts = next_frame;
    // The decoder may have marked the source frame as I; only our own splits force keyframes.
    frame->pict_type = force_key ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
    force_key = false;
    ++next_frame;
    if (slate_frame) ++slate_frames;
    // The encoder takes its own reference, so the same picture may be sent again with a new pts.
    auto ok = video_encoder->encode(frame, [&](AVPacket* p) { route(p, true); });
    if (!ok) return fail(ok.error());
    encode_audio(false);
    if (state == RecorderState::Failed) return;
    close_done_segments(false);
    busy += Clock::now() - t0;
    busy_media += 1.0 / config.fps;
    if (stop_at_frame >= 0 && next_frame >= stop_at_frame) end("stopped: duration reached");
}

// Puts the sound where its picture is: the sample captured at anchor_capture belongs at
// anchor_frame's time. Done after every anchor (start, resume, a source back) and whenever the
// sound starts a new run (its source lost and back, silence put in while it was late).
void Recorder::Impl::align_audio() {
    if (anchor_generation < 0 || audio.run() == audio_run) return;
    const int64_t run = audio.run();
    const double head = audio.head_time();
    if (std::isnan(head)) return;  // no sound yet
    audio_run = run;
    const int64_t place = anchor_frame * config.sample_rate / config.fps +
                          std::llround((head - anchor_capture) * config.sample_rate);
    const int64_t gap = place - (next_sample + pending_silence);
    if (gap >= 0) {
        pending_silence += gap;
    } else {
        const int64_t unsaid = std::min(pending_silence, -gap);
        pending_silence -= unsaid;
        if (-gap - unsaid > 0) audio.skip(-gap - unsaid);
    }
}

// Keeps the audio timeline with the video: buffered sound up to the video's time; silence when
// the sound is missing for more than 0.3 s (source lost, or slate).
void Recorder::Impl::encode_audio(bool final_flush) {
    const int64_t target = next_frame * config.sample_rate / config.fps;
    const int64_t allowed_lag = final_flush ? 0 : config.sample_rate * 3 / 10;
    if (!final_flush) align_audio();
    while (next_sample + kAacFrame <= target + (final_flush ? kAacFrame - 1 : 0)) {
        av::FramePtr f = av::make_frame();
        f->nb_samples = kAacFrame;
        f->format = AV_SAMPLE_FMT_FLTP;
        av_channel_layout_default(&f->ch_layout, config.channels);
        f->sample_rate = config.sample_rate;
        if (av_frame_get_buffer(f.get(), 0) < 0) return fail("out of memory for audio");
        const int silent = static_cast<int>(std::min<int64_t>(pending_silence, kAacFrame));
        av_samples_set_silence(f->extended_data, 0, silent, config.channels, AV_SAMPLE_FMT_FLTP);
        if (!audio.pop(f.get(), silent)) {
            if (next_sample + kAacFrame > target - allowed_lag) break;  // it is probably on its way
            av_samples_set_silence(f->extended_data, silent, kAacFrame - silent, config.channels, AV_SAMPLE_FMT_FLTP);
            audio_run = -1;  // when the late sound comes, what this silence covered is skipped
        }
        pending_silence -= silent;
        f->pts = next_sample;
        next_sample += kAacFrame;
        auto ok = audio_encoder->encode(f.get(), [&](AVPacket* p) { route(p, false); });
        if (!ok) return fail(ok.error());
    }
}

void Recorder::Impl::end(const std::string& why) {
    if (video_encoder && !segments.empty()) {
        encode_audio(true);
        // A null frame flushes: the encoders emit what they still hold (lookahead, B-frames, AAC delay).
        auto ok = video_encoder->encode(nullptr, [&](AVPacket* p) { route(p, true); });
        if (ok) ok = audio_encoder->encode(nullptr, [&](AVPacket* p) { route(p, false); });
        if (!ok) message = ok.error();
    }
    close_done_segments(true);
    video_encoder.reset();
    audio_encoder.reset();
    if (state != RecorderState::Failed) {
        state = RecorderState::Idle;
        message = why;
    }
    stop_at_frame = -1;
    publish_status(true);
}

// Called from inside encoder callbacks too, so it only marks; teardown_if_failed() cleans up
// once no encoder call is on the stack.
void Recorder::Impl::fail(const std::string& why) {
    if (state == RecorderState::Failed) return;
    state = RecorderState::Failed;
    message = why;
}

void Recorder::Impl::teardown_if_failed() {
    if (state != RecorderState::Failed || (!video_encoder && segments.empty())) return;
    // Close what we have so the files stay playable; they are finalized like any other.
    close_done_segments(true);
    video_encoder.reset();
    audio_encoder.reset();
    publish_status(true);
}

}  // namespace lectern
