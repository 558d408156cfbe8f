#include "sync_probe.h"

#include "av_error.h"
#include "av_ptr.h"

#include <cmath>

namespace lectern::bench {
namespace {

struct Stream {
    int index = -1;
    av::CodecContextPtr decoder;
};

tl::expected<Stream, std::string> open_stream(AVFormatContext* in, AVMediaType type, const std::string& file) {
    Stream s;
    s.index = av_find_best_stream(in, type, -1, -1, nullptr, 0);
    if (s.index < 0) return tl::unexpected(file + ": no " + av_get_media_type_string(type) + " stream");
    const AVCodecParameters* par = in->streams[s.index]->codecpar;
    const AVCodec* codec = avcodec_find_decoder(par->codec_id);
    if (!codec) return tl::unexpected(file + ": no decoder for " + avcodec_get_name(par->codec_id));
    s.decoder = av::make_codec_context(codec);
    avcodec_parameters_to_context(s.decoder.get(), par);
    s.decoder->pkt_timebase = in->streams[s.index]->time_base;
    if (int err = avcodec_open2(s.decoder.get(), codec, nullptr); err < 0)
        return tl::unexpected(file + ": cannot open the decoder (" + av::error_text(err) + ")");
    return s;
}

// Onsets of the pattern: a rise after a quiet stretch of at least min_gap seconds.
struct OnsetFinder {
    double min_gap;
    double last_loud = -1e9;
    std::vector<double>* onsets;
    void feed(double t, bool loud) {
        if (!loud) return;
        if (t - last_loud > min_gap) onsets->push_back(t);
        last_loud = t;
    }
};

}  // namespace

tl::expected<SyncReport, std::string> probe_sync(const std::string& file) {
    av::InputFormatPtr in;
    if (int err = av::make_input(in, file.c_str(), nullptr, nullptr, AVIOInterruptCB{}); err < 0)
        return tl::unexpected(file + ": cannot open (" + av::error_text(err) + ")");
    if (int err = avformat_find_stream_info(in.get(), nullptr); err < 0)
        return tl::unexpected(file + ": cannot read stream information (" + av::error_text(err) + ")");
    auto video = open_stream(in.get(), AVMEDIA_TYPE_VIDEO, file);
    if (!video) return tl::unexpected(video.error());
    auto audio = open_stream(in.get(), AVMEDIA_TYPE_AUDIO, file);
    if (!audio) return tl::unexpected(audio.error());

    SyncReport report;
    report.video_start = report.audio_start = NAN;
    OnsetFinder flashes{0.3, -1e9, &report.flashes}, beeps{0.3, -1e9, &report.beeps};
    av::PacketPtr packet = av::make_packet();
    av::FramePtr frame = av::make_frame();
    auto drain = [&](Stream& s) {
        const bool is_video = &s == &*video;
        const AVRational tb = in->streams[s.index]->time_base;
        while (avcodec_receive_frame(s.decoder.get(), frame.get()) >= 0) {
            double t = frame->best_effort_timestamp == AV_NOPTS_VALUE ? NAN : frame->best_effort_timestamp * av_q2d(tb);
            if (is_video) {
                if (std::isnan(report.video_start)) report.video_start = t;
                // Mean luma of a sparse grid: the flash is the whole picture turning white.
                double sum = 0;
                int n = 0;
                for (int y = 0; y < frame->height; y += 8)
                    for (int x = 0; x < frame->width; x += 8, ++n) sum += frame->data[0][y * frame->linesize[0] + x];
                flashes.feed(t, n > 0 && sum / n > 128);
            } else {
                if (std::isnan(report.audio_start)) report.audio_start = t;
                // The first channel, planar or packed float (the AAC decoder gives planar float).
                const bool planar = frame->format == AV_SAMPLE_FMT_FLTP;
                const int step = planar ? 1 : frame->ch_layout.nb_channels;
                const float* x = reinterpret_cast<const float*>(frame->extended_data[0]);
                if (frame->format == AV_SAMPLE_FMT_FLTP || frame->format == AV_SAMPLE_FMT_FLT)
                    for (int i = 0; i < frame->nb_samples; ++i)
                        beeps.feed(t + static_cast<double>(i) / frame->sample_rate, std::fabs(x[i * step]) > 0.1f);
            }
            av_frame_unref(frame.get());
        }
    };
    while (av_read_frame(in.get(), packet.get()) >= 0) {
        Stream* s = packet->stream_index == video->index ? &*video : packet->stream_index == audio->index ? &*audio : nullptr;
        if (s && avcodec_send_packet(s->decoder.get(), packet.get()) >= 0) drain(*s);
        av_packet_unref(packet.get());
    }
    for (Stream* s : {&*video, &*audio}) {
        avcodec_send_packet(s->decoder.get(), nullptr);
        drain(*s);
    }
    for (double f : report.flashes) {
        const double* best = nullptr;
        for (const double& b : report.beeps)
            if (std::fabs(b - f) < 0.5 && (!best || std::fabs(b - f) < std::fabs(*best - f))) best = &b;
        if (best) report.pairs.push_back({f, *best});
    }
    return report;
}

}  // namespace lectern::bench
