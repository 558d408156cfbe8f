#include "playback_decoder.h"

#include "av_error.h"
#include "av_ptr.h"

#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

namespace lectern {

struct PlaybackDecoder::Impl {
    av::InputFormatPtr input;
    int video = -1, audio = -1;
    av::CodecContextPtr video_decoder, audio_decoder;
    av::SwsPtr sws;
    int sws_w = 0, sws_h = 0, sws_format = -1;
    av::SwrPtr swr;
    av::PacketPtr packet = av::make_packet();
    av::FramePtr frame = av::make_frame();
    double start = 0;  // the container's start time: pictures count from the first
};

namespace {

tl::unexpected<std::string> failure(const std::string& path, const std::string& what, int err = 0) {
    return tl::unexpected("playing " + path + ": " + what + (err ? " (" + av::error_text(err) + ")" : ""));
}

av::CodecContextPtr open_decoder(AVStream* stream) {
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec) return nullptr;
    av::CodecContextPtr decoder = av::make_codec_context(codec);
    avcodec_parameters_to_context(decoder.get(), stream->codecpar);
    decoder->pkt_timebase = stream->time_base;
    decoder->thread_count = 2;
    if (avcodec_open2(decoder.get(), codec, nullptr) < 0) return nullptr;
    return decoder;
}

double seconds_of(const AVFrame& f, AVStream* stream, double start) {
    const int64_t ts = f.best_effort_timestamp != AV_NOPTS_VALUE ? f.best_effort_timestamp : f.pts;
    return ts == AV_NOPTS_VALUE ? 0 : ts * av_q2d(stream->time_base) - start;
}

}  // namespace

tl::expected<std::unique_ptr<PlaybackDecoder>, std::string> PlaybackDecoder::open(const std::string& path, const PlaybackOptions& options) {
    auto impl = std::make_unique<Impl>();
    if (int err = av::make_input(impl->input, path.c_str(), nullptr, nullptr, AVIOInterruptCB{}); err < 0)
        return failure(path, "cannot open the file", err);
    if (int err = avformat_find_stream_info(impl->input.get(), nullptr); err < 0) return failure(path, "cannot read its streams", err);
    impl->video = av_find_best_stream(impl->input.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    impl->audio = av_find_best_stream(impl->input.get(), AVMEDIA_TYPE_AUDIO, -1, impl->video, nullptr, 0);
    if (impl->video < 0) return failure(path, "it has no video");
    if (!(impl->video_decoder = open_decoder(impl->input->streams[impl->video]))) return failure(path, "cannot decode its video");
    if (impl->audio >= 0 && !(impl->audio_decoder = open_decoder(impl->input->streams[impl->audio]))) impl->audio = -1;  // play it silent
    if (impl->audio >= 0) {
        AVChannelLayout out{};
        av_channel_layout_default(&out, options.channels);
        const AVCodecContext& a = *impl->audio_decoder;
        impl->swr = av::make_swr(out, AV_SAMPLE_FMT_FLT, options.sample_rate, a.ch_layout, a.sample_fmt, a.sample_rate);
        if (!impl->swr) impl->audio = -1;
    }
    if (impl->input->start_time != AV_NOPTS_VALUE) impl->start = impl->input->start_time / double(AV_TIME_BASE);
    std::unique_ptr<PlaybackDecoder> d(new PlaybackDecoder(std::move(impl), options));
    return d;
}

PlaybackDecoder::PlaybackDecoder(std::unique_ptr<Impl> impl, const PlaybackOptions& options) : impl_(std::move(impl)), options_(options) {
    duration_ = impl_->input->duration > 0 ? impl_->input->duration / double(AV_TIME_BASE) : 0;
    sound_stream_ = impl_->audio;
    thread_ = std::thread([this] { run(); });
}

PlaybackDecoder::~PlaybackDecoder() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

std::optional<double> PlaybackDecoder::next_picture_seconds() const {
    std::lock_guard lock(mutex_);
    if (pictures_.empty()) return std::nullopt;
    return pictures_.front().seconds;
}

std::optional<PlaybackPicture> PlaybackDecoder::take_picture() {
    std::lock_guard lock(mutex_);
    if (pictures_.empty()) return std::nullopt;
    PlaybackPicture p = std::move(pictures_.front());
    pictures_.pop_front();
    changed_.notify_all();
    return p;
}

std::optional<PlaybackSound> PlaybackDecoder::take_sound() {
    std::lock_guard lock(mutex_);
    if (sound_.empty()) return std::nullopt;
    PlaybackSound s = std::move(sound_.front());
    sound_.pop_front();
    sound_samples_ -= s.samples.size() / options_.channels;
    changed_.notify_all();
    return s;
}

void PlaybackDecoder::seek(double seconds) {
    std::lock_guard lock(mutex_);
    seek_to_ = std::clamp(seconds, 0.0, std::max(0.0, duration_));
    ++serial_;
    pictures_.clear();
    sound_.clear();
    sound_samples_ = 0;
    ended_ = false;
    changed_.notify_all();
}

bool PlaybackDecoder::finished() const {
    std::lock_guard lock(mutex_);
    return ended_ && pictures_.empty() && sound_.empty();
}

std::string PlaybackDecoder::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

bool PlaybackDecoder::wait_for_picture(std::chrono::milliseconds deadline) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, deadline, [&] { return !pictures_.empty() || ended_; });
}

// Full when both queues hold enough, or either holds far too much (a file whose sound and pictures
// are interleaved coarsely must not stall the one the player waits for).
bool PlaybackDecoder::queue_full_locked() const {
    const size_t sound_enough = static_cast<size_t>(options_.sound_ahead_s * options_.sample_rate);
    const bool pictures_enough = pictures_.size() >= options_.pictures_ahead;
    const bool sound_full = sound_stream_ < 0 || sound_samples_ >= sound_enough;
    return (pictures_enough && sound_full) || pictures_.size() >= 3 * options_.pictures_ahead || sound_samples_ >= 4 * sound_enough;
}

void PlaybackDecoder::run() {
    pthread_setname_np(pthread_self(), "lectern-play");
    // Linux nices threads one by one: playback yields to capture and encode if they run.
    if (options_.low_priority) setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 5);
    Impl& m = *impl_;
    uint64_t serial = 0;
    double skip_before = 0;  // after a seek, what precedes the target is decoded but not shown
    bool draining = false;

    auto push_picture = [&](const AVFrame& f) {
        PlaybackPicture p;
        p.seconds = seconds_of(f, m.input->streams[m.video], m.start);
        if (p.seconds < skip_before - 1e-3) return;
        p.width = std::min(options_.max_width, f.width) & ~1;
        p.height = std::max(2, static_cast<int>(int64_t{p.width} * f.height / std::max(1, f.width)) & ~1);
        if (!m.sws || m.sws_w != f.width || m.sws_h != f.height || m.sws_format != f.format) {
            m.sws = av::make_sws(f.width, f.height, static_cast<AVPixelFormat>(f.format), p.width, p.height, AV_PIX_FMT_RGBA, SWS_BILINEAR);
            m.sws_w = f.width, m.sws_h = f.height, m.sws_format = f.format;
        }
        p.rgba.resize(static_cast<size_t>(p.width) * p.height * 4);
        uint8_t* planes[1] = {p.rgba.data()};
        int strides[1] = {p.width * 4};
        sws_scale(m.sws.get(), f.data, f.linesize, 0, f.height, planes, strides);
        std::lock_guard lock(mutex_);
        if (serial == serial_) pictures_.push_back(std::move(p));
        changed_.notify_all();
    };
    auto push_sound = [&](const AVFrame& f) {
        PlaybackSound s;
        s.seconds = seconds_of(f, m.input->streams[m.audio], m.start);
        const int room = swr_get_out_samples(m.swr.get(), f.nb_samples);
        s.samples.resize(static_cast<size_t>(room) * options_.channels);
        uint8_t* out[1] = {reinterpret_cast<uint8_t*>(s.samples.data())};
        const int n = swr_convert(m.swr.get(), out, room, const_cast<const uint8_t**>(f.extended_data), f.nb_samples);
        s.samples.resize(static_cast<size_t>(std::max(0, n)) * options_.channels);
        if (s.seconds < skip_before) {  // trim what precedes a seek's target
            const size_t skip = static_cast<size_t>((skip_before - s.seconds) * options_.sample_rate) * options_.channels;
            if (skip >= s.samples.size()) return;
            s.samples.erase(s.samples.begin(), s.samples.begin() + skip);
            s.seconds = skip_before;
        }
        if (s.samples.empty()) return;
        std::lock_guard lock(mutex_);
        if (serial != serial_) return;
        sound_samples_ += s.samples.size() / options_.channels;
        sound_.push_back(std::move(s));
        changed_.notify_all();
    };
    // EAGAIN (wants another packet) and EOF (drained) end the loop; they are states, not errors.
    auto receive = [&](AVCodecContext* decoder, bool video) {
        while (avcodec_receive_frame(decoder, m.frame.get()) >= 0) {
            if (video) push_picture(*m.frame);
            else push_sound(*m.frame);
            av_frame_unref(m.frame.get());
        }
    };

    while (true) {
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || seek_to_ || (!ended_ && !queue_full_locked()); });
            if (stop_) return;
            if (seek_to_) {
                skip_before = *seek_to_;
                serial = serial_;
                seek_to_.reset();
                lock.unlock();
                // Seek to the keyframe before the target, then decode forward to it.
                av_seek_frame(m.input.get(), -1, static_cast<int64_t>((skip_before + m.start) * AV_TIME_BASE), AVSEEK_FLAG_BACKWARD);
                avcodec_flush_buffers(m.video_decoder.get());
                if (m.audio >= 0) {
                    avcodec_flush_buffers(m.audio_decoder.get());
                    swr_init(m.swr.get());  // drops the resampler's buffered tail
                }
                draining = false;
                continue;
            }
        }
        const int err = draining ? AVERROR_EOF : av_read_frame(m.input.get(), m.packet.get());
        if (err == AVERROR_EOF || err < 0) {
            if (!draining) {  // flush: the decoders still hold the last frames
                avcodec_send_packet(m.video_decoder.get(), nullptr);
                if (m.audio >= 0) avcodec_send_packet(m.audio_decoder.get(), nullptr);
                draining = true;
            }
            receive(m.video_decoder.get(), true);
            if (m.audio >= 0) receive(m.audio_decoder.get(), false);
            std::lock_guard lock(mutex_);
            if (serial == serial_) {
                ended_ = true;
                if (err != AVERROR_EOF) error_ = "reading stopped: " + av::error_text(err);
            }
            changed_.notify_all();
            continue;
        }
        const int stream = m.packet->stream_index;
        if (stream == m.video || stream == m.audio) {
            AVCodecContext* decoder = stream == m.video ? m.video_decoder.get() : m.audio_decoder.get();
            avcodec_send_packet(decoder, m.packet.get());
            receive(decoder, stream == m.video);
        }
        av_packet_unref(m.packet.get());
    }
}

}  // namespace lectern
