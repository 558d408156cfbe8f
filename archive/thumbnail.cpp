#include "thumbnail.h"

#include "av_error.h"
#include "av_ptr.h"

namespace lectern {
namespace {

tl::unexpected<std::string> failure(const std::string& path, const std::string& what, int err = 0) {
    return tl::unexpected("thumbnail of " + path + ": " + what + (err ? " (" + av::error_text(err) + ")" : ""));
}

Thumbnail to_rgba(const AVFrame& frame, int width) {
    Thumbnail t;
    t.width = width;
    t.height = std::max(2, static_cast<int>(int64_t{width} * frame.height / std::max(1, frame.width)) & ~1);
    t.rgba.resize(static_cast<size_t>(t.width) * t.height * 4);
    av::SwsPtr sws = av::make_sws(frame.width, frame.height, static_cast<AVPixelFormat>(frame.format), t.width,
                                  t.height, AV_PIX_FMT_RGBA, SWS_BILINEAR);
    uint8_t* planes[1] = {t.rgba.data()};
    int strides[1] = {t.width * 4};
    sws_scale(sws.get(), frame.data, frame.linesize, 0, frame.height, planes, strides);
    return t;
}

}  // namespace

tl::expected<Thumbnail, std::string> make_thumbnail(const std::string& path, double at_seconds, int width) {
    av::InputFormatPtr input;
    if (int err = av::make_input(input, path.c_str(), nullptr, nullptr, AVIOInterruptCB{}); err < 0)
        return failure(path, "cannot open the file", err);
    if (int err = avformat_find_stream_info(input.get(), nullptr); err < 0)
        return failure(path, "cannot read its streams", err);
    const AVCodec* codec = nullptr;
    int stream = av_find_best_stream(input.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
    if (stream < 0) return failure(path, "it has no video", stream);
    av::CodecContextPtr decoder = av::make_codec_context(codec);
    AVStream* video = input->streams[stream];
    avcodec_parameters_to_context(decoder.get(), video->codecpar);
    decoder->thread_count = 1;  // one picture: threads would only add start-up cost
    if (int err = avcodec_open2(decoder.get(), codec, nullptr); err < 0) return failure(path, "cannot decode its video", err);

    // Seek to the keyframe before the moment, then decode forward to it (time base of the stream).
    const int64_t target = av_rescale_q(static_cast<int64_t>(at_seconds * AV_TIME_BASE), AV_TIME_BASE_Q, video->time_base);
    av_seek_frame(input.get(), stream, target, AVSEEK_FLAG_BACKWARD);
    av::PacketPtr packet = av::make_packet();
    av::FramePtr frame = av::make_frame();
    av::FramePtr last = av::make_frame();
    bool have_last = false, draining = false;
    while (true) {
        if (!draining) {
            int err = av_read_frame(input.get(), packet.get());
            if (err == AVERROR_EOF) {
                draining = true;
                avcodec_send_packet(decoder.get(), nullptr);  // flush: the decoder still holds frames
            } else if (err < 0) {
                return failure(path, "cannot read it", err);
            } else {
                if (packet->stream_index == stream) avcodec_send_packet(decoder.get(), packet.get());
                av_packet_unref(packet.get());
            }
        }
        int got;
        while ((got = avcodec_receive_frame(decoder.get(), frame.get())) >= 0) {
            if (frame->best_effort_timestamp >= target) return to_rgba(*frame, width);
            av_frame_unref(last.get());
            av_frame_move_ref(last.get(), frame.get());
            have_last = true;
        }
        if (got == AVERROR_EOF || (draining && got == AVERROR(EAGAIN))) break;  // EAGAIN: wants more input
    }
    if (have_last) return to_rgba(*last, width);  // a file shorter than the moment: its last picture
    return failure(path, "no picture could be decoded");
}

}  // namespace lectern
