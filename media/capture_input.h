// Opens one SourceSpec and turns its packets into frames the encoder takes as they are: video
// scaled to the recording size in YUV 4:2:0, audio resampled to planar float at the recording rate.
#pragma once

#include "av_ptr.h"
#include "sources/source.h"
#include "video_fit.h"

#include <tl/expected.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <string>

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

    // Fails with a message naming the source, FFmpeg's reason and the fix.
    tl::expected<void, std::string> open();
    // Video or Audio: out holds a converted frame. End: the source has ended for good (no loop).
    Read read(av::FramePtr& out);
    const std::string& error() const { return error_; }
    const SourceSpec& spec() const { return spec_; }
    bool has_video() const { return video_index_ >= 0; }
    bool has_audio() const { return audio_index_ >= 0; }
    // Where the last video frame read belongs in the source's time, seconds (continued across loops).
    double last_video_time() const { return last_media_time_; }

private:
    static int interrupted(void* self);
    tl::expected<void, std::string> open_decoder(int index, av::CodecContextPtr& decoder);
    bool decode(AVPacket* packet, int index);  // false when a picture cannot be converted (error_ set)
    bool convert_video(const AVFrame* in);  // false (error_ set) for a picture format swscale refuses
    void convert_audio(const AVFrame* in);
    bool restart();  // seek back to the start for a looped file
    void track_time(const AVFrame* frame);
    void pace();

    SourceSpec spec_;
    CaptureFormat format_;
    const std::atomic<bool>& stop_;
    std::string error_;
    av::InputFormatPtr input_;
    av::CodecContextPtr video_decoder_, audio_decoder_;
    int video_index_ = -1, audio_index_ = -1;
    VideoFit fit_;
    av::SwrPtr swr_;
    av::PacketPtr packet_;
    av::FramePtr decoded_;
    std::deque<std::pair<Read, av::FramePtr>> ready_;
    bool draining_ = false;

    // Pacing: media time of each video frame against the wall clock, continued across loops.
    std::chrono::steady_clock::time_point pace_origin_{};
    int64_t first_pts_ = AV_NOPTS_VALUE;
    double loop_offset_ = 0, last_media_time_ = 0;
};

}  // namespace lectern
