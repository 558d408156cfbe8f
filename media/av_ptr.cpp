// The make_* functions of av_ptr.h; the only place that allocates libav* objects.
#include "av_ptr.h"

namespace lectern::av {

int make_input(InputFormatPtr& ctx, const char* url, const AVInputFormat* format, AVDictionary** options,
               AVIOInterruptCB interrupt) {
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) return AVERROR(ENOMEM);
    // Set before opening so that a stop request can break a blocking connect or read.
    raw->interrupt_callback = interrupt;
    // avformat_open_input frees the context itself on failure, so raw is only owned on success.
    int err = avformat_open_input(&raw, url, format, options);
    ctx.reset(err < 0 ? nullptr : raw);
    return err;
}

OutputFormatPtr make_output(const char* format_name, const char* file) {
    AVFormatContext* raw = nullptr;
    avformat_alloc_output_context2(&raw, nullptr, format_name, file);
    return OutputFormatPtr(raw);
}

CodecContextPtr make_codec_context(const AVCodec* codec) { return CodecContextPtr(avcodec_alloc_context3(codec)); }
FramePtr make_frame() { return FramePtr(av_frame_alloc()); }
PacketPtr make_packet() { return PacketPtr(av_packet_alloc()); }

FramePtr make_video_frame(int width, int height, AVPixelFormat format) {
    FramePtr f = make_frame();
    if (!f) return f;
    f->width = width;
    f->height = height;
    f->format = format;
    if (av_frame_get_buffer(f.get(), 0) < 0) f.reset();
    return f;
}

SwsPtr make_sws(int src_w, int src_h, AVPixelFormat src, int dst_w, int dst_h, AVPixelFormat dst, int flags) {
    return SwsPtr(sws_getContext(src_w, src_h, src, dst_w, dst_h, dst, flags, nullptr, nullptr, nullptr));
}

SwrPtr make_swr(const AVChannelLayout& out_layout, AVSampleFormat out_format, int out_rate,
                const AVChannelLayout& in_layout, AVSampleFormat in_format, int in_rate) {
    SwrContext* raw = nullptr;
    // FFmpeg 5.1 declares the layouts non-const but only reads them.
    if (swr_alloc_set_opts2(&raw, const_cast<AVChannelLayout*>(&out_layout), out_format, out_rate,
                            const_cast<AVChannelLayout*>(&in_layout), in_format, in_rate, 0, nullptr) < 0)
        return nullptr;
    SwrPtr owned(raw);
    if (swr_init(raw) < 0) owned.reset();
    return owned;
}

FilterGraphPtr make_filter_graph() { return FilterGraphPtr(avfilter_graph_alloc()); }

DictionaryPtr make_dictionary(std::initializer_list<std::pair<const char*, const char*>> entries) {
    AVDictionary* raw = nullptr;
    for (const auto& [key, value] : entries) av_dict_set(&raw, key, value, 0);
    return DictionaryPtr(raw);
}

AudioFifoPtr make_audio_fifo(AVSampleFormat format, int channels, int samples) {
    return AudioFifoPtr(av_audio_fifo_alloc(format, channels, samples));
}

}  // namespace lectern::av
