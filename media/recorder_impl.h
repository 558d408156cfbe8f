// Inside the Recorder: the state shared by the capture threads (recorder.cpp) and the encode
// thread (encode_loop.cpp). Only the encode thread touches the "encode thread only" part.
#pragma once

#include "audio_buffer.h"
#include "audio_meter.h"
#include "bounded_queue.h"
#include "capture_input.h"
#include "encoder.h"
#include "finalizer.h"
#include "preview_tap.h"
#include "recorder.h"
#include "segment_writer.h"

#include <atomic>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

namespace lectern {

struct RecorderCommand {
    enum Kind { Start, Stop, StopAt, Pause, Resume, Split } kind;
    RecordingMeta meta;
    int64_t frames = 0;  // StopAt
    std::shared_ptr<std::promise<tl::expected<void, std::string>>> done;  // Start; may be null
    uint64_t id = 0;  // set by post(): commands are numbered 1, 2, ... in the order given
};

// One file being written; it stays open after a split until the encoders have emitted every
// packet before the split (B-frames and the AAC delay come out late).
struct OpenSegment {
    std::unique_ptr<SegmentWriter> writer;
    FinalizeJob job;
    int64_t first_frame = 0;   // in the session's frame count
    int64_t first_sample = 0;  // in the session's audio sample count
    bool video_done = false, audio_done = false;
};

// A picture from the capture thread with where it belongs in the source's own time (seconds,
// continued across loops of a file; -1 unknown), which opening of the source it came from, and
// when it was captured (steady-clock seconds, the time base of the sound in the AudioBuffer).
struct CapturedFrame {
    av::FramePtr frame;
    double source_time = -1;
    int64_t generation = 0;
    double capture_time = 0;
};

struct Recorder::Impl {
    Impl(MediaConfig c, bool real_time);

    MediaConfig config;
    bool real_time;
    std::string output_dir;
    CaptureFormat format;
    std::atomic<bool> quit{false};
    bool opened = false;

    BoundedQueue<CapturedFrame> video_queue;
    AudioBuffer audio;
    AudioMeter meter;
    PreviewTap preview;
    std::unique_ptr<Finalizer> finalizer;
    int recovered = 0;

    // Capture side. A capture thread holds a shared_ptr to this state (capture_threads.cpp).
    struct CaptureThread {
        std::thread thread;
        std::future<void> done;  // ready once capture_loop has returned
        std::string what;
    };
    static constexpr int kCaptureJoinSeconds = 2;
    std::vector<CaptureThread> threads;
    static void start_capture(const std::shared_ptr<Impl>& self, std::unique_ptr<CaptureInput> input, int role);
    void join_capture_threads();
    std::atomic<int64_t> frames_captured{0}, dropped_frames{0};
    std::atomic<bool> video_ok{false};
    int64_t input_generation = 0;  // capture thread only
    std::mutex source_mutex;
    std::string source_problem[2];  // video, audio
    void capture_loop(std::unique_ptr<CaptureInput> input, int role);
    bool pump(CaptureInput& input, int role);
    void set_source_problem(int role, std::string problem);

    // Commands from the UI thread, applied by the encode thread at a frame boundary.
    std::mutex command_mutex;
    std::deque<RecorderCommand> commands;
    std::atomic<uint64_t> last_command{0};
    uint64_t post(RecorderCommand c);
    int lock_fd = -1;  // flock on the output folder while open: one recorder per folder

    // Status published by the encode thread.
    mutable std::mutex status_mutex;
    RecorderStatus published;

    // Encode thread only.
    void encode_loop();
    void encode_loop_guarded();
    void apply_commands();
    tl::expected<void, std::string> begin(const RecordingMeta& meta);
    tl::expected<void, std::string> open_segment(const RecordingMeta& meta);
    void handle_frame(AVFrame* frame, bool slate, const CapturedFrame* source);
    void anchor(const CapturedFrame& source);
    int64_t copies_for(const CapturedFrame& source);
    void align_audio();
    void encode_frame(AVFrame* frame, bool slate);
    void encode_audio(bool final_flush);
    void route(AVPacket* packet, bool video);
    void close_done_segments(bool all);
    void end(const std::string& why);
    void fail(const std::string& why);
    void teardown_if_failed();
    void publish_status(bool force);
    void check_disk();

    RecorderState state = RecorderState::Idle;
    std::string message;
    std::optional<Encoder> video_encoder, audio_encoder;
    std::deque<OpenSegment> segments;
    RecordingMeta current_meta;
    uint64_t applying_command = 0, commands_done = 0;  // a new file takes the id of the command that opened it
    int64_t next_frame = 0, next_sample = 0, stop_at_frame = -1;
    int64_t slate_frames = 0, dropped_previews = 0, segment_number = 0, frames_seen = 0;
    int64_t duplicated_frames = 0, skipped_frames = 0;
    // The picture the timeline was last anchored to (start, resume, a source back): its frame
    // number, its source time and its capture time. The sound is placed relative to it.
    int64_t anchor_generation = -1, anchor_frame = 0;
    double anchor_time = 0, anchor_capture = 0;
    int64_t audio_run = -1;        // the AudioBuffer run the sound was last aligned on (-1: align)
    int64_t pending_silence = 0;   // samples of silence owed to the audio timeline before the next sound
    bool force_key = false, in_slate = false;
    std::string disk_alert;
    av::FramePtr slate;
    std::chrono::steady_clock::time_point last_input{}, next_slate{}, last_status{}, last_disk{};
    std::chrono::steady_clock::duration busy{};
    int64_t status_frames_in = 0, status_frames_out = 0;
    double busy_media = 0;
    std::thread encode_thread;
};

}  // namespace lectern
