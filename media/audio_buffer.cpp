#include "audio_buffer.h"

namespace lectern {

AudioBuffer::AudioBuffer(int sample_rate, int channels)
    : fifo_(av::make_audio_fifo(AV_SAMPLE_FMT_FLTP, channels, sample_rate)), capacity_(2 * sample_rate) {}

void AudioBuffer::push(const AVFrame* frame) {
    std::lock_guard lock(mutex_);
    int excess = av_audio_fifo_size(fifo_.get()) + frame->nb_samples - capacity_;
    if (excess > 0) {
        av_audio_fifo_drain(fifo_.get(), excess);
        dropped_ += excess;
    }
    av_audio_fifo_write(fifo_.get(), reinterpret_cast<void**>(frame->extended_data), frame->nb_samples);
}

bool AudioBuffer::pop(AVFrame* frame) {
    std::lock_guard lock(mutex_);
    if (av_audio_fifo_size(fifo_.get()) < frame->nb_samples) return false;
    av_audio_fifo_read(fifo_.get(), reinterpret_cast<void**>(frame->extended_data), frame->nb_samples);
    return true;
}

int AudioBuffer::size() const {
    std::lock_guard lock(mutex_);
    return av_audio_fifo_size(fifo_.get());
}

void AudioBuffer::clear() {
    std::lock_guard lock(mutex_);
    av_audio_fifo_reset(fifo_.get());
}

int64_t AudioBuffer::dropped_samples() const {
    std::lock_guard lock(mutex_);
    return dropped_;
}

}  // namespace lectern
