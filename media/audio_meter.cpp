#include "audio_meter.h"

#include <cmath>

namespace lectern {
namespace {
double to_dbfs(double amplitude) { return amplitude <= 1e-6 ? -120.0 : 20.0 * std::log10(amplitude); }
}  // namespace

AudioMeter::AudioMeter(int sample_rate, int channels)
    : window_(sample_rate / 25), channels_(channels), peak_(channels, 0.0), sum_squares_(channels, 0.0) {}

void AudioMeter::add(const AVFrame* frame) {
    int channels = std::min(channels_, frame->ch_layout.nb_channels);
    for (int i = 0; i < frame->nb_samples; ++i) {
        for (int c = 0; c < channels; ++c) {
            double v = reinterpret_cast<const float*>(frame->extended_data[c])[i];
            peak_[c] = std::max(peak_[c], std::fabs(v));
            sum_squares_[c] += v * v;
        }
        if (++filled_ < window_) continue;
        AudioLevels next;
        for (int c = 0; c < channels_; ++c) {
            next.channels.push_back({to_dbfs(peak_[c]), to_dbfs(std::sqrt(sum_squares_[c] / filled_))});
            peak_[c] = sum_squares_[c] = 0;
        }
        filled_ = 0;
        std::lock_guard lock(mutex_);
        next.sequence = published_.sequence + 1;
        published_ = std::move(next);
    }
}

AudioLevels AudioMeter::levels() const {
    std::lock_guard lock(mutex_);
    return published_;
}

}  // namespace lectern
