#include "audio_fit.h"

extern "C" {
#include <libavutil/samplefmt.h>
}

#include <cstring>

namespace lectern {
namespace {

std::string describe(const AVFrame* in) {
    char layout[64] = "?";
    av_channel_layout_describe(&in->ch_layout, layout, sizeof layout);
    const char* format = av_get_sample_fmt_name(static_cast<AVSampleFormat>(in->format));
    return std::to_string(in->sample_rate) + " Hz, " + layout + ", " + (format ? format : "unknown format");
}

}  // namespace

AudioFit::AudioFit(int sample_rate, int channels, bool exact_timestamps)
    : sample_rate_(sample_rate), channels_(channels), exact_timestamps_(exact_timestamps) {}

tl::expected<AudioFit::Converted, std::string> AudioFit::convert(AVFrame* in, AVRational time_base) {
    // Devices (PulseAudio, ALSA) give a channel count without an order, which swresample refuses:
    // take the usual order for that count, as the ffmpeg CLI does.
    if (in->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC) {
        const int channels = in->ch_layout.nb_channels;
        av_channel_layout_uninit(&in->ch_layout);
        av_channel_layout_default(&in->ch_layout, channels);
    }
    AVChannelLayout layout;
    av_channel_layout_default(&layout, channels_);
    if (!swr_) {
        swr_ = av::make_swr(layout, AV_SAMPLE_FMT_FLTP, sample_rate_, in->ch_layout,
                            static_cast<AVSampleFormat>(in->format), in->sample_rate);
        if (!swr_) return tl::unexpected(describe(in));
    }
    Converted out;
    // Samples still held by the resampler come out first: the output starts that much earlier.
    out.held = static_cast<double>(swr_get_delay(swr_.get(), sample_rate_)) / sample_rate_;
    out.sound = av::make_frame();
    out.sound->ch_layout = layout;
    out.sound->format = AV_SAMPLE_FMT_FLTP;
    out.sound->sample_rate = sample_rate_;
    // The last AAC frame of a file decodes whole, though its packet says only part of it is
    // sound (the encoder's padding): keep only that part, so a looped file does not grow a gap.
    av::FramePtr part;
    const int64_t said =
        in->pkt_duration > 0 ? av_rescale_q(in->pkt_duration, time_base, AVRational{1, in->sample_rate}) : 0;
    if (said > 0 && said < in->nb_samples) {
        part = av::make_frame();
        if (av_frame_ref(part.get(), in) < 0) return Converted{};
        part->nb_samples = static_cast<int>(said);
        in = part.get();
    }
    // A device that changes its format mid-stream is opened again (the capture thread reconnects).
    if (swr_convert_frame(swr_.get(), out.sound.get(), in) < 0) return tl::unexpected(describe(in));
    if (out.sound->nb_samples == 0) out.sound.reset();
    return out;
}

void AudioFit::place(av::FramePtr sound, double media, double otherwise, std::vector<Placed>& out) {
    constexpr double kTolerance = 0.005;
    const double rate = sample_rate_;
    if (std::isnan(media)) media = std::isnan(next_) ? otherwise : next_;
    if (exact_timestamps_ && !std::isnan(next_)) {
        const double gap = media - next_;
        if (gap > kTolerance && gap < 10) {
            av::FramePtr fill = silence(static_cast<int>(std::lround(gap * rate)));
            if (fill) out.push_back({std::move(fill), next_});
            next_ += gap;
        } else if (gap < -kTolerance && gap > -10) {
            const int cut = static_cast<int>(std::lround(-gap * rate));
            if (cut >= sound->nb_samples) return;
            for (int ch = 0; ch < channels_; ++ch)
                memmove(sound->extended_data[ch], sound->extended_data[ch] + cut * sizeof(float),
                        (sound->nb_samples - cut) * sizeof(float));
            sound->nb_samples -= cut;
        }
        if (std::fabs(gap) < 10) media = next_;  // a bigger jump starts a new timeline
    }
    next_ = media + sound->nb_samples / rate;
    out.push_back({std::move(sound), media});
}

av::FramePtr AudioFit::silence(int samples) const {
    av::FramePtr f = av::make_frame();
    f->nb_samples = samples;
    f->format = AV_SAMPLE_FMT_FLTP;
    av_channel_layout_default(&f->ch_layout, channels_);
    f->sample_rate = sample_rate_;
    if (samples <= 0 || av_frame_get_buffer(f.get(), 0) < 0) return nullptr;
    av_samples_set_silence(f->extended_data, 0, samples, channels_, AV_SAMPLE_FMT_FLTP);
    return f;
}

}  // namespace lectern
