// Writes one recording while it is being recorded: fragmented MP4 with an empty moov and a
// fragment per keyframe, flushed to the file at each fragment, so that a kill -9 or a power cut
// leaves a playable file missing at most the last fragment.
#pragma once

#include "av_ptr.h"

#include <tl/expected.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace lectern {

class SegmentWriter {
public:
    using Tags = std::vector<std::pair<std::string, std::string>>;

    static tl::expected<std::unique_ptr<SegmentWriter>, std::string> open(const std::string& path,
                                                                          const AVCodecContext* video,
                                                                          const AVCodecContext* audio, const Tags& tags);
    // Shifts the packet by this segment's start (in the encoder's time base) and writes it.
    // The muxer takes the packet's data (av_interleaved_write_frame leaves it blank).
    tl::expected<void, std::string> write(AVPacket* packet, bool video, int64_t start);
    // Writes the trailer (the last fragment and the mfra index) and closes the file.
    tl::expected<void, std::string> close();
    int64_t bytes() const;
    const std::string& path() const { return path_; }

private:
    SegmentWriter() = default;
    std::string path_;
    av::OutputFormatPtr out_;
    AVRational video_tb_{}, audio_tb_{};
    bool closed_ = false;
};

}  // namespace lectern
