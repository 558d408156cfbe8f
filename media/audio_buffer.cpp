#include "audio_buffer.h"

#include <cmath>

namespace lectern {

AudioBuffer::AudioBuffer(int sample_rate, int channels)
    : fifo_(av::make_audio_fifo(AV_SAMPLE_FMT_FLTP, channels, sample_rate)),
      rate_(sample_rate),
      capacity_(2 * sample_rate),
      head_time_(NAN) {}

void AudioBuffer::drain(int samples) {
    av_audio_fifo_drain(fifo_.get(), samples);
    head_time_ += static_cast<double>(samples) / rate_;
}

void AudioBuffer::push(const AVFrame* frame, double time) {
    std::lock_guard lock(mutex_);
    const double end = head_time_ + static_cast<double>(av_audio_fifo_size(fifo_.get())) / rate_;
    if (std::isnan(head_time_) || std::fabs(time - end) > 0.1) {
        if (!std::isnan(head_time_)) ++run_;
        av_audio_fifo_reset(fifo_.get());
        head_time_ = time;
        to_skip_ = 0;
    }
    av_audio_fifo_write(fifo_.get(), reinterpret_cast<void**>(frame->extended_data), frame->nb_samples);
    if (to_skip_ > 0) {
        int n = static_cast<int>(std::min<int64_t>(to_skip_, av_audio_fifo_size(fifo_.get())));
        drain(n);
        to_skip_ -= n;
    }
    int excess = av_audio_fifo_size(fifo_.get()) - capacity_;
    if (excess > 0) {
        drain(excess);
        dropped_ += excess;
    }
}

bool AudioBuffer::pop(AVFrame* frame, int offset) {
    std::lock_guard lock(mutex_);
    const int wanted = frame->nb_samples - offset;
    if (av_audio_fifo_size(fifo_.get()) < wanted) return false;
    uint8_t* planes[AV_NUM_DATA_POINTERS] = {};
    for (int ch = 0; ch < frame->ch_layout.nb_channels && ch < AV_NUM_DATA_POINTERS; ++ch)
        planes[ch] = frame->extended_data[ch] + offset * sizeof(float);
    av_audio_fifo_read(fifo_.get(), reinterpret_cast<void**>(planes), wanted);
    head_time_ += static_cast<double>(wanted) / rate_;
    return true;
}

void AudioBuffer::skip(int64_t samples) {
    std::lock_guard lock(mutex_);
    int now = static_cast<int>(std::min<int64_t>(samples, av_audio_fifo_size(fifo_.get())));
    drain(now);
    to_skip_ = samples - now;
}

int AudioBuffer::size() const {
    std::lock_guard lock(mutex_);
    return av_audio_fifo_size(fifo_.get());
}

void AudioBuffer::clear() {
    std::lock_guard lock(mutex_);
    av_audio_fifo_reset(fifo_.get());
    head_time_ = NAN;
    to_skip_ = 0;
    ++run_;
}

int64_t AudioBuffer::dropped_samples() const {
    std::lock_guard lock(mutex_);
    return dropped_;
}

double AudioBuffer::head_time() const {
    std::lock_guard lock(mutex_);
    return head_time_;
}

int64_t AudioBuffer::run() const {
    std::lock_guard lock(mutex_);
    return run_;
}

}  // namespace lectern
