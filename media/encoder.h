// The encoders: H.264 through libx264 and AAC, both inside libavcodec. Packets come out through a
// callback in the encoder's time base (1/fps for video, 1/sample_rate for audio).
#pragma once

#include "av_ptr.h"
#include "media_config.h"

#include <tl/expected.hpp>

#include <functional>
#include <string>

namespace lectern {

class Encoder {
public:
    using PacketSink = std::function<void(AVPacket*)>;

    static tl::expected<Encoder, std::string> h264(const MediaConfig& c);
    static tl::expected<Encoder, std::string> aac(const MediaConfig& c);

    // Sends a frame (null = flush) and hands every packet that is ready to sink.
    // EAGAIN from receive just means "send more"; EOF ends the flush.
    tl::expected<void, std::string> encode(const AVFrame* frame, const PacketSink& sink);
    AVCodecContext* context() const { return ctx_.get(); }
    // After a flush the codec must be reopened before further frames; used by stop().
    std::string codec_name() const { return ctx_->codec->name; }

private:
    explicit Encoder(av::CodecContextPtr ctx) : ctx_(std::move(ctx)), packet_(av::make_packet()) {}
    av::CodecContextPtr ctx_;
    av::PacketPtr packet_;
};

}  // namespace lectern
