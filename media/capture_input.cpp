#include "capture_input.h"

#include "av_error.h"

extern "C" {
#include <libavdevice/avdevice.h>
#include <libavutil/pixdesc.h>
}

#include <mutex>
#include <thread>

namespace lectern {

CaptureInput::CaptureInput(SourceSpec spec, CaptureFormat format, const std::atomic<bool>& stop)
    : spec_(std::move(spec)),
      format_(format),
      stop_(stop),
      fit_(format.width, format.height, format.fit),
      packet_(av::make_packet()),
      decoded_(av::make_frame()) {}

int CaptureInput::interrupted(void* self) { return static_cast<CaptureInput*>(self)->stop_.load() ? 1 : 0; }

tl::expected<void, std::string> CaptureInput::open() {
    static std::once_flag devices_registered;
    std::call_once(devices_registered, [] { avdevice_register_all(); });

    const AVInputFormat* format = nullptr;
    if (!spec_.format.empty()) {
        format = av_find_input_format(spec_.format.c_str());
        if (!format)
            return tl::unexpected(spec_.what + ": this FFmpeg has no '" + spec_.format +
                                  "' input; install libavdevice59 with " + spec_.format + " support");
    }
    av::DictionaryPtr options = av::make_dictionary({});
    for (const auto& [key, value] : spec_.options) {
        AVDictionary* raw = options.release();
        av_dict_set(&raw, key.c_str(), value.c_str(), 0);
        options.reset(raw);
    }
    int err = av::with_options(options, [&](AVDictionary** o) {
        return av::make_input(input_, spec_.url.c_str(), format, o, AVIOInterruptCB{&interrupted, this});
    });
    if (err < 0) return tl::unexpected(spec_.what + ": cannot open (" + av::error_text(err) + "); " + spec_.fix);
    if ((err = avformat_find_stream_info(input_.get(), nullptr)) < 0)
        return tl::unexpected(spec_.what + ": cannot read stream information (" + av::error_text(err) + "); " +
                              spec_.fix);

    if (spec_.take_video) {
        video_index_ = av_find_best_stream(input_.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        if (video_index_ < 0) return tl::unexpected(spec_.what + ": has no video stream; " + spec_.fix);
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
    while (ready_.empty()) {
        if (stop_) return Read::End;
        if (draining_) return Read::End;
        int err = av_read_frame(input_.get(), packet_.get());
        // EAGAIN: a non-blocking device has nothing yet. The caller sleeps a little and asks again.
        if (err == AVERROR(EAGAIN)) return Read::Again;
        if (err == AVERROR_EOF || (err < 0 && avio_feof(input_->pb))) {
            if (spec_.loop && restart()) continue;
            // Drain the decoders so the last frames are not lost, then report the end.
            if (video_decoder_) decode(nullptr, video_index_);
            if (audio_decoder_) decode(nullptr, audio_index_);
            draining_ = true;
            continue;
        }
        if (err < 0) {
            error_ = spec_.what + ": read failed (" + av::error_text(err) + ")";
            return Read::Failed;
        }
        int index = packet_->stream_index;
        bool ok = true;
        if (index == video_index_ || index == audio_index_) ok = decode(packet_.get(), index);
        av_packet_unref(packet_.get());
        if (!ok) return Read::Failed;
    }
    auto [kind, frame] = std::move(ready_.front());
    ready_.pop_front();
    if (kind == Read::Video) {
        track_time(frame.get());
        if (spec_.pace) pace();
    }
    out = std::move(frame);
    return kind;
}

bool CaptureInput::decode(AVPacket* packet, int index) {
    AVCodecContext* decoder = index == video_index_ ? video_decoder_.get() : audio_decoder_.get();
    int err = avcodec_send_packet(decoder, packet);
    // A damaged packet (RTSP loss) is skipped; the decoder resynchronises at the next keyframe.
    if (err < 0 && err != AVERROR(EAGAIN) && err != AVERROR_EOF) return true;
    while ((err = avcodec_receive_frame(decoder, decoded_.get())) >= 0) {
        bool ok = true;
        if (index == video_index_) ok = convert_video(decoded_.get());
        else convert_audio(decoded_.get());
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
    out->best_effort_timestamp = in->best_effort_timestamp;
    ready_.emplace_back(Read::Video, std::move(out));
    return true;
}

void CaptureInput::convert_audio(const AVFrame* in) {
    AVChannelLayout layout;
    av_channel_layout_default(&layout, format_.channels);
    if (!swr_) {
        swr_ = av::make_swr(layout, AV_SAMPLE_FMT_FLTP, format_.sample_rate, in->ch_layout,
                            static_cast<AVSampleFormat>(in->format), in->sample_rate);
        if (!swr_) return;
    }
    av::FramePtr out = av::make_frame();
    out->ch_layout = layout;
    out->format = AV_SAMPLE_FMT_FLTP;
    out->sample_rate = format_.sample_rate;
    if (swr_convert_frame(swr_.get(), out.get(), in) < 0 || out->nb_samples == 0) return;
    ready_.emplace_back(Read::Audio, std::move(out));
}

bool CaptureInput::restart() {
    if (av_seek_frame(input_.get(), -1, 0, AVSEEK_FLAG_BACKWARD) < 0) return false;
    if (video_decoder_) avcodec_flush_buffers(video_decoder_.get());
    if (audio_decoder_) avcodec_flush_buffers(audio_decoder_.get());
    AVRational rate = input_->streams[video_index_]->avg_frame_rate;
    loop_offset_ = last_media_time_ + (rate.num > 0 && rate.den > 0 ? av_q2d(av_inv_q(rate)) : 1.0 / format_.fps);
    first_pts_ = AV_NOPTS_VALUE;
    return true;
}

void CaptureInput::track_time(const AVFrame* frame) {
    int64_t pts = frame->best_effort_timestamp;
    if (pts == AV_NOPTS_VALUE) {
        last_media_time_ += 1.0 / format_.fps;  // no timestamp: assume the nominal rate
        return;
    }
    if (first_pts_ == AV_NOPTS_VALUE) first_pts_ = pts;
    last_media_time_ = loop_offset_ + (pts - first_pts_) * av_q2d(input_->streams[video_index_]->time_base);
}

void CaptureInput::pace() {
    if (pace_origin_ == std::chrono::steady_clock::time_point{}) pace_origin_ = std::chrono::steady_clock::now();
    auto due = pace_origin_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>(last_media_time_));
    // Sleep in short steps so a stop request is noticed quickly.
    while (!stop_ && std::chrono::steady_clock::now() < due)
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            due - std::chrono::steady_clock::now(), std::chrono::milliseconds(50)));
}

}  // namespace lectern
