// Owns every libav* object through std::unique_ptr with the matching free function. Objects are
// made only through the make_* functions below, so no caller writes a naked av_*_free.
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <initializer_list>
#include <memory>
#include <utility>

namespace lectern::av {

struct InputFormatDeleter {
    void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
// An output context owns its AVIOContext only when it opened one (not AVFMT_NOFILE).
struct OutputFormatDeleter {
    void operator()(AVFormatContext* c) const {
        if (c && c->pb && !(c->oformat->flags & AVFMT_NOFILE)) avio_closep(&c->pb);
        avformat_free_context(c);
    }
};
struct CodecContextDeleter {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketDeleter {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwsDeleter {
    void operator()(SwsContext* s) const { sws_freeContext(s); }
};
struct SwrDeleter {
    void operator()(SwrContext* s) const { swr_free(&s); }
};
struct FilterGraphDeleter {
    void operator()(AVFilterGraph* g) const { avfilter_graph_free(&g); }
};
struct AudioFifoDeleter {
    void operator()(AVAudioFifo* f) const { av_audio_fifo_free(f); }
};
struct DictionaryDeleter {
    void operator()(AVDictionary* d) const { av_dict_free(&d); }
};

using InputFormatPtr = std::unique_ptr<AVFormatContext, InputFormatDeleter>;
using OutputFormatPtr = std::unique_ptr<AVFormatContext, OutputFormatDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;
using SwrPtr = std::unique_ptr<SwrContext, SwrDeleter>;
using FilterGraphPtr = std::unique_ptr<AVFilterGraph, FilterGraphDeleter>;
using AudioFifoPtr = std::unique_ptr<AVAudioFifo, AudioFifoDeleter>;
using DictionaryPtr = std::unique_ptr<AVDictionary, DictionaryDeleter>;

// Opens an input; on failure returns the AVERROR and leaves ctx empty. The options dictionary keeps
// the entries the demuxer did not use, so callers can report them.
int make_input(InputFormatPtr& ctx, const char* url, const AVInputFormat* format, AVDictionary** options,
               AVIOInterruptCB interrupt);
// An output context for a named container (e.g. "mp4"); null when the muxer is unknown.
OutputFormatPtr make_output(const char* format_name, const char* file);
CodecContextPtr make_codec_context(const AVCodec* codec);
FramePtr make_frame();
PacketPtr make_packet();
// A video frame with its own buffers (e.g. a slate or a scaled copy).
FramePtr make_video_frame(int width, int height, AVPixelFormat format);
SwsPtr make_sws(int src_w, int src_h, AVPixelFormat src, int dst_w, int dst_h, AVPixelFormat dst, int flags);
SwrPtr make_swr(const AVChannelLayout& out_layout, AVSampleFormat out_format, int out_rate,
                const AVChannelLayout& in_layout, AVSampleFormat in_format, int in_rate);
FilterGraphPtr make_filter_graph();
// Options for an open call. libav* functions take AVDictionary** and replace the dictionary with
// the entries they did not use, so callers pass with_options(...) and keep the result owned.
DictionaryPtr make_dictionary(std::initializer_list<std::pair<const char*, const char*>> entries);
// Calls open(AVDictionary**) with the dictionary and takes back what it leaves (unused entries).
template <typename Open>
int with_options(DictionaryPtr& options, Open open) {
    AVDictionary* raw = options.release();
    int err = open(&raw);
    options.reset(raw);
    return err;
}
AudioFifoPtr make_audio_fifo(AVSampleFormat format, int channels, int samples);

}  // namespace lectern::av
