#include "encoder.h"

#include "av_error.h"

extern "C" {
#include <libavutil/opt.h>
}

#include <cmath>

namespace lectern {

tl::expected<Encoder, std::string> Encoder::h264(const MediaConfig& c) {
    const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
    if (!codec) return tl::unexpected(std::string("no libx264 encoder in this libavcodec; install libavcodec59 from Debian"));
    av::CodecContextPtr ctx = av::make_codec_context(codec);
    ctx->width = c.width;
    ctx->height = c.height;
    ctx->pix_fmt = AV_PIX_FMT_YUV420P;
    // One tick per frame: the recording is constant frame rate, counted, never clocked.
    ctx->time_base = AVRational{1, c.fps};
    ctx->framerate = AVRational{c.fps, 1};
    // A keyframe every keyframe_seconds: fragments end on keyframes, so this bounds crash loss.
    ctx->gop_size = std::max(1, static_cast<int>(std::lround(c.keyframe_seconds * c.fps)));
    // MP4 keeps SPS/PPS in the header (avcC), not repeated in the stream.
    ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (c.video_bitrate_kbps > 0) {
        ctx->bit_rate = static_cast<int64_t>(c.video_bitrate_kbps) * 1000;
    } else {
        av_opt_set(ctx->priv_data, "crf", std::to_string(c.crf).c_str(), 0);
    }
    av_opt_set(ctx->priv_data, "preset", c.preset.c_str(), 0);
    // A forced keyframe (a split, a resume) must be an IDR so that the new file starts decodable.
    av_opt_set(ctx->priv_data, "forced-idr", "1", 0);
    if (int err = avcodec_open2(ctx.get(), codec, nullptr); err < 0)
        return tl::unexpected("cannot open libx264 at " + std::to_string(c.width) + "x" + std::to_string(c.height) +
                              " preset " + c.preset + " (" + av::error_text(err) + ")");
    return Encoder(std::move(ctx));
}

tl::expected<Encoder, std::string> Encoder::aac(const MediaConfig& c) {
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (!codec) return tl::unexpected(std::string("no AAC encoder in this libavcodec"));
    av::CodecContextPtr ctx = av::make_codec_context(codec);
    ctx->sample_fmt = AV_SAMPLE_FMT_FLTP;
    ctx->sample_rate = c.sample_rate;
    av_channel_layout_default(&ctx->ch_layout, c.channels);
    ctx->bit_rate = static_cast<int64_t>(c.audio_bitrate_kbps) * 1000;
    ctx->time_base = AVRational{1, c.sample_rate};
    ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (int err = avcodec_open2(ctx.get(), codec, nullptr); err < 0)
        return tl::unexpected("cannot open the AAC encoder at " + std::to_string(c.sample_rate) + " Hz (" +
                              av::error_text(err) + ")");
    return Encoder(std::move(ctx));
}

tl::expected<void, std::string> Encoder::encode(const AVFrame* frame, const PacketSink& sink) {
    int err = avcodec_send_frame(ctx_.get(), frame);
    if (err < 0 && err != AVERROR_EOF) return tl::unexpected(codec_name() + " refused a frame (" + av::error_text(err) + ")");
    while ((err = avcodec_receive_packet(ctx_.get(), packet_.get())) >= 0) {
        sink(packet_.get());
        av_packet_unref(packet_.get());
    }
    if (err != AVERROR(EAGAIN) && err != AVERROR_EOF)
        return tl::unexpected(codec_name() + " failed (" + av::error_text(err) + ")");
    return {};
}

}  // namespace lectern
