#include "capture_input.h"

#include "av_error.h"
#include "source_probe.h"

extern "C" {
#include <libavdevice/avdevice.h>
#include <libavutil/pixdesc.h>
}

#include <cmath>
#include <mutex>

namespace lectern {

CaptureInput::CaptureInput(SourceSpec spec, CaptureFormat format, const std::atomic<bool>& stop)
    : spec_(std::move(spec)),
      format_(format),
      stop_(stop),
      fit_(format.width, format.height, format.fit),
      audio_fit_(format.sample_rate, format.channels, spec_.exact_timestamps),
      packet_(av::make_packet()),
      decoded_(av::make_frame()) {}

int CaptureInput::interrupted(void* self) {
    auto* input = static_cast<CaptureInput*>(self);
    return input->stop_ || SourceClock::steady_now() > input->open_deadline_ ? 1 : 0;
}

tl::expected<void, std::string> CaptureInput::open() {
    static std::once_flag devices_registered;
    std::call_once(devices_registered, [] { avdevice_register_all(); });

    if (!spec_.invalid.empty()) return tl::unexpected(spec_.what + ": " + spec_.invalid);
    const AVInputFormat* format = nullptr;
    if (!spec_.format.empty()) {
        format = av_find_input_format(spec_.format.c_str());
        if (!format)
            return tl::unexpected(spec_.what + ": this FFmpeg has no '" + spec_.format +
                                  "' input; install libavdevice59 with " + spec_.format + " support");
    }
    // Opening and probing end by a deadline: a source that accepts and then sends nothing held
    // open() (and so the recorder's opener) for ever.
    const double begin = SourceClock::steady_now(), deadline = begin + spec_.open_seconds;
    ProbeOutcome probe;
    if (spec_.reads_ignore_interrupt) {
        probe = probe_on_thread(spec_, format, deadline, stop_);
        // Handed over: from now on only a stop ends its waits.
        if (probe.input) probe.input->interrupt_callback = AVIOInterruptCB{&interrupted, this};
    } else {
        open_deadline_ = deadline;
        probe = probe_here(spec_, format, AVIOInterruptCB{&interrupted, this});
        open_deadline_ = INFINITY;
        probe.timed_out = probe.error == AVERROR_EXIT && !stop_;
    }
    if (!probe.input) return tl::unexpected(open_failure(spec_, probe, SourceClock::steady_now() - begin, stop_));
    input_ = std::move(probe.input);

    if (!clock_)
        clock_.emplace(input_->start_time == AV_NOPTS_VALUE ? NAN : input_->start_time / double(AV_TIME_BASE),
                       spec_.wall_clock_stamps ? SourceClock::Stamps::WallClock
                       : spec_.arrival_stamps  ? SourceClock::Stamps::Arrival
                                               : SourceClock::Stamps::Media);

    if (spec_.take_video) {
        video_index_ = av_find_best_stream(input_.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        if (video_index_ < 0) return tl::unexpected(spec_.what + ": has no video stream; " + spec_.fix);
        // The probe ended (an RTSP socket timeout reads as the stream's end) without one picture.
        if (input_->streams[video_index_]->codecpar->width <= 0) {
            ProbeOutcome silent;
            silent.opened = silent.timed_out = true;
            return tl::unexpected(open_failure(spec_, silent, SourceClock::steady_now() - begin, stop_));
        }
        if (auto ok = open_decoder(video_index_, video_decoder_); !ok) return ok;
    }
    if (spec_.take_audio) {
        audio_index_ = av_find_best_stream(input_.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
        if (audio_index_ >= 0) {
            if (auto ok = open_decoder(audio_index_, audio_decoder_); !ok) return ok;
        } else if (!spec_.take_video) {
            return tl::unexpected(spec_.what + ": has no audio stream; " + spec_.fix);
        }
    }
    return {};
}

tl::expected<void, std::string> CaptureInput::open_decoder(int index, av::CodecContextPtr& decoder) {
    AVStream* stream = input_->streams[index];
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec)
        return tl::unexpected(spec_.what + ": no decoder for " + avcodec_get_name(stream->codecpar->codec_id));
    decoder = av::make_codec_context(codec);
    avcodec_parameters_to_context(decoder.get(), stream->codecpar);
    decoder->pkt_timebase = stream->time_base;
    if (int err = avcodec_open2(decoder.get(), codec, nullptr); err < 0)
        return tl::unexpected(spec_.what + ": cannot open the " + codec->name + " decoder (" + av::error_text(err) + ")");
    return {};
}

CaptureInput::Read CaptureInput::read(av::FramePtr& out) {
    // An arrival-stamped stream's first frames are held until its backlog is read (source_clock.h).
    const bool holding = !clock_->settled();
    while (ready_.empty() || (!clock_->settled() && !draining_)) {
        if (stop_) return Read::End;
        if (draining_) return Read::End;
        int err = av_read_frame(input_.get(), packet_.get());
        // EAGAIN: a non-blocking device has nothing yet. The caller sleeps a little and asks again.
        if (err == AVERROR(EAGAIN)) return Read::Again;
        if (err == AVERROR_EOF || (err < 0 && avio_feof(input_->pb))) {
            // Drain the decoders so the last frames are not lost, then start again or report the end.
            if (video_decoder_) decode(nullptr, video_index_);
            if (audio_decoder_) decode(nullptr, audio_index_);
            if (spec_.loop && restart()) continue;
            draining_ = true;
            continue;
        }
        if (err < 0) {
            error_ = spec_.what + ": read failed (" + av::error_text(err) + "); " + fix_for(spec_, err);
            return Read::Failed;
        }
        int index = packet_->stream_index;
        if (index == (video_index_ >= 0 ? video_index_ : audio_index_) && packet_->pts != AV_NOPTS_VALUE)
            clock_->arrived(clock_->media_time(packet_->pts, input_->streams[index]->time_base), arrival_of(index));
        bool ok = true;
        if (index == video_index_ || index == audio_index_) ok = decode(packet_.get(), index);
        av_packet_unref(packet_.get());
        if (!ok) return Read::Failed;
    }
    if (holding) held_ = ready_.size();
    from_backlog_ = held_ > 0;
    if (held_ > 0) --held_;
    Ready next = std::move(ready_.front());
    ready_.pop_front();
    if (next.kind == Read::Video) {
        last_video_time_ = next.media;
        // Only pictures pace the source: its sound is read along with them.
        if (spec_.pace) clock_->wait_until(next.media, stop_);
    }
    last_capture_time_ = clock_->capture_time(next.media);
    out = std::move(next.frame);
    return next.kind;
}

// When the packet just read arrived. A parsed stream (H.264 and HEVC over RTP: FFmpeg joins their
// pieces into frames) hands a frame out only once the next one begins: it arrived a frame before
// it was read (measured on the RTSP camera of the tests: its data 27 ms before av_read_frame
// returned it, at 30 fps). Taken as read, a separate microphone's sound led the picture that much more.
double CaptureInput::arrival_of(int index) const {
    const double now = SourceClock::steady_now();
    const AVStream* stream = input_->streams[index];
    if (index != video_index_ || !av_stream_get_parser(stream)) return now;
    const AVRational rate = stream->avg_frame_rate.num > 0 ? stream->avg_frame_rate : stream->r_frame_rate;
    return now - (rate.num > 0 && rate.den > 0 ? av_q2d(av_inv_q(rate)) : 1.0 / format_.fps);
}

bool CaptureInput::decode(AVPacket* packet, int index) {
    AVCodecContext* decoder = index == video_index_ ? video_decoder_.get() : audio_decoder_.get();
    int err = avcodec_send_packet(decoder, packet);
    // A damaged packet (RTSP loss) is skipped; the decoder resynchronises at the next keyframe.
    if (err < 0 && err != AVERROR(EAGAIN) && err != AVERROR_EOF) return true;
    while ((err = avcodec_receive_frame(decoder, decoded_.get())) >= 0) {
        bool ok = true;
        ok = index == video_index_ ? convert_video(decoded_.get()) : convert_audio(decoded_.get());
        av_frame_unref(decoded_.get());
        if (!ok) return false;
    }
    return true;  // EAGAIN and EOF are the decoder's normal states between packets
}

bool CaptureInput::convert_video(const AVFrame* in) {
    av::FramePtr out = fit_.fit(in);
    if (!out) {
        const char* name = av_get_pix_fmt_name(static_cast<AVPixelFormat>(in->format));
        error_ = spec_.what + ": cannot convert its " + std::to_string(in->width) + "x" + std::to_string(in->height) +
                 " " + (name ? name : "unknown") + " pictures; " + spec_.fix;
        return false;
    }
    const AVRational rate = input_->streams[video_index_]->avg_frame_rate;
    const double frame = rate.num > 0 && rate.den > 0 ? av_q2d(av_inv_q(rate)) : 1.0 / format_.fps;
    // No timestamp: assume the nominal rate.
    double media = in->best_effort_timestamp == AV_NOPTS_VALUE
                       ? video_end_
                       : clock_->media_time(in->best_effort_timestamp, input_->streams[video_index_]->time_base);
    video_end_ = std::max(video_end_, media + frame);
    out->best_effort_timestamp = in->best_effort_timestamp;
    // An RTSP camera's first picture came out of the decoder twice, with one timestamp: the
    // encoder numbers pictures as they come, so every later one was a frame late in the file. A
    // picture for the instant of the one before replaces it, or is dropped once that one is gone.
    const bool same_instant = !std::isnan(last_video_media_) && std::fabs(media - last_video_media_) < frame / 2;
    last_video_media_ = media;
    if (same_instant) {
        for (auto it = ready_.rbegin(); it != ready_.rend(); ++it)
            if (it->kind == Read::Video) {
                it->frame = std::move(out);
                break;
            }
        return true;
    }
    ready_.push_back({Read::Video, std::move(out), media});
    return true;
}

bool CaptureInput::convert_audio(AVFrame* in) {
    const AVRational tb = input_->streams[audio_index_]->time_base;
    auto converted = audio_fit_.convert(in, tb);
    if (!converted) {
        error_ = spec_.what + ": cannot convert its sound (" + converted.error() + "); " + spec_.fix;
        return false;
    }
    if (!converted->sound) return true;
    const double media = in->best_effort_timestamp == AV_NOPTS_VALUE
                             ? NAN
                             : clock_->media_time(in->best_effort_timestamp, tb) - converted->held;
    placed_.clear();
    audio_fit_.place(std::move(converted->sound), media, video_end_, placed_);
    for (auto& p : placed_) ready_.push_back({Read::Audio, std::move(p.sound), p.media});
    return true;
}

// Opened afresh rather than sought back: after a seek the mp4 demuxer trims the AAC priming
// differently (the sound came 10 ms late from the second loop on); a new opening is the first
// loop again.
bool CaptureInput::restart() {
    // The next loop's picture follows the last one; its sound is stitched to that time too.
    const double next = video_index_ >= 0 ? video_end_ : audio_fit_.next();
    video_decoder_.reset();
    audio_decoder_.reset();
    video_index_ = audio_index_ = -1;
    input_.reset();
    if (auto ok = open(); !ok) {
        error_ = ok.error();
        return false;
    }
    clock_->restart(next);
    return true;
}

}  // namespace lectern
