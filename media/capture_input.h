// Opens one SourceSpec and turns its packets into frames the encoder takes as they are: video
// fitted to the recording size in YUV 4:2:0 (video_fit.h), audio resampled to planar float at the
// recording rate (audio_fit.h), each with where it belongs in time (source_clock.h).
#pragma once

#include "audio_fit.h"
#include "av_ptr.h"
#include "source_clock.h"
#include "sources/source.h"
#include "video_fit.h"

#include <tl/expected.hpp>

#include <atomic>
#include <cmath>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace lectern {

struct CaptureFormat {
    int width = 1280;
    int height = 720;
    int fps = 30;
    int sample_rate = 48000;
    int channels = 2;
    Fit fit = Fit::Letterbox;  // how a picture of another shape fills the frame
};

class CaptureInput {
public:
    enum class Read { Video, Audio, Again, End, Failed };

    // stop is polled by FFmpeg's interrupt callback so that closing never waits on a network read.
    CaptureInput(SourceSpec spec, CaptureFormat format, const std::atomic<bool>& stop);

    // Fails with a message naming the source, FFmpeg's reason and the fix; within the source's
    // open_seconds, also when it takes the connection and then sends nothing.
    tl::expected<void, std::string> open();
    // Video or Audio: out holds a converted frame. End: the source has ended for good (no loop).
    Read read(av::FramePtr& out);
    const std::string& error() const { return error_; }
    const SourceSpec& spec() const { return spec_; }
    bool has_video() const { return video_index_ >= 0; }
    bool has_audio() const { return audio_index_ >= 0; }
    // Where the last video frame read belongs in the source's time, seconds (continued across loops).
    double last_video_time() const { return last_video_time_; }
    // Steady-clock seconds at which the last frame read (video or audio) was captured.
    double last_capture_time() const { return last_capture_time_; }
    // The last frame read was held until the stream's backlog was read (an RTSP camera's first
    // second): it is in memory already and comes in a burst with the others.
    bool from_backlog() const { return from_backlog_; }

private:
    double arrival_of(int index) const;
    struct Ready {
        Read kind;
        av::FramePtr frame;
        double media;  // media time of its first sample or its picture
    };
    static int interrupted(void* self);
    tl::expected<void, std::string> open_decoder(int index, av::CodecContextPtr& decoder);
    bool decode(AVPacket* packet, int index);  // false when a picture or sound cannot be converted (error_ set)
    bool convert_video(const AVFrame* in);  // false (error_ set) for a picture format swscale refuses
    bool convert_audio(AVFrame* in);  // false (error_ set) for sound swresample refuses
    bool restart();  // seek back to the start for a looped file

    SourceSpec spec_;
    CaptureFormat format_;
    const std::atomic<bool>& stop_;
    double open_deadline_ = INFINITY;  // steady-clock seconds; FFmpeg's waits end there while opening
    std::string error_;
    av::InputFormatPtr input_;
    av::CodecContextPtr video_decoder_, audio_decoder_;
    int video_index_ = -1, audio_index_ = -1;
    VideoFit fit_;
    AudioFit audio_fit_;
    std::vector<AudioFit::Placed> placed_;  // one frame's sound (and silence before it), reused
    av::PacketPtr packet_;
    av::FramePtr decoded_;
    std::deque<Ready> ready_;
    bool draining_ = false;

    std::optional<SourceClock> clock_;  // made at open(), from the source's start time
    double video_end_ = 0;  // media time just after the last picture decoded
    double last_video_media_ = NAN;  // media time of the last picture decoded
    double last_video_time_ = 0, last_capture_time_ = 0;
    size_t held_ = 0;  // entries of ready_ still to hand out that were held for the backlog
    bool from_backlog_ = false;
};

}  // namespace lectern
