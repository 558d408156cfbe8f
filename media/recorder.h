// The recorder the kiosk and `lectern record` drive: capture → bounded queue → encode+write, one
// file per speech, gapless splits, crash-safe files, a preview slot and audio meters. Commands
// return at once (start() waits for the file to open); state comes back as RecorderStatus
// snapshots. No FFmpeg header leaks out of this one.
#pragma once

#include "media_config.h"
#include "recording_types.h"

#include <tl/expected.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace lectern {

class Recorder {
public:
    // real_time = false reads a synthetic or file source as fast as the encoder takes it (benchmarks).
    explicit Recorder(MediaConfig config, bool real_time = true);
    ~Recorder();  // a recording in progress is stopped cleanly and finalized
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Checks the output folder, recovers files left by a crash, opens the source(s) and starts the
    // capture and encode threads (preview and meters run from here on, recording or not). Fails
    // with a message naming the device, URL or folder and the fix.
    tl::expected<void, std::string> open();

    // Opens the first file (waits for that, so an unwritable folder is reported here).
    tl::expected<void, std::string> start(RecordingMeta meta);
    // The same without waiting (for the kiosk's frame thread): the file's id, or why not when the
    // recorder is not open; a failure to open the file shows in status() (Failed, message).
    tl::expected<uint64_t, std::string> request_start(RecordingMeta meta);
    // Finishes the current file at the next frame; it is finalized in the background.
    void stop();
    // Stops once media_seconds have been recorded since start() (exact, counted in frames).
    void stop_at(double media_seconds);
    void pause();
    void resume();
    // Next speaker: a new file from the next frame on, a forced keyframe, nothing lost or doubled.
    // Returns the new file's id (FinishedRecording::file_id, RecorderStatus::file_id).
    uint64_t split(RecordingMeta next);
    // The console's Edit of an item already on tape (by corrected.item_id): the file being recorded
    // takes the corrected title, speakers and note at finalize (sidecar and tags; its pending record
    // at once). Then on_corrected's callback runs on the finalizer thread, in order after the files
    // finished so far: for files finished already (held before upload).
    void correct(const RecordingMeta& corrected);
    void on_corrected(std::function<void(const RecordingMeta&)> callback);
    // The id of the last command given; status().commands_done reaches it once all are applied.
    uint64_t last_command() const;

    RecorderStatus status() const;
    // Copies the newest preview into out when it is newer than out.sequence; cheap to call per UI frame.
    // Previews are made only for PreviewTap::kAskedFor after a call: nobody asking costs nothing.
    bool latest_preview(PreviewFrame& out) const;
    AudioLevels audio_levels() const;

    // Finished recordings (the upload queue consumes these): a callback on the finalizer thread,
    // or pull them from the queue.
    void on_finished(std::function<void(const FinishedRecording&)> callback);
    std::optional<FinishedRecording> wait_finished(std::chrono::milliseconds timeout);
    // Files recovered from a crash at open(), and finalization problems so far.
    int recovered_at_open() const;
    std::vector<std::string> finalize_errors() const;

    // Stops everything and waits for every file to be finalized. A source whose read does not
    // return (a PulseAudio source that sends nothing) is waited for at most 2 s after that, then
    // left to end by itself, with a line on stderr naming it.
    void close();

    struct Impl;

private:
    std::shared_ptr<Impl> impl_;  // shared with the capture threads (capture_threads.cpp)
};

}  // namespace lectern
