#include "segment_writer.h"

#include "av_error.h"

namespace lectern {

tl::expected<std::unique_ptr<SegmentWriter>, std::string> SegmentWriter::open(const std::string& path,
                                                                             const AVCodecContext* video,
                                                                             const AVCodecContext* audio,
                                                                             const Tags& tags) {
    std::unique_ptr<SegmentWriter> w(new SegmentWriter());
    w->path_ = path;
    w->out_ = av::make_output("mp4", path.c_str());
    if (!w->out_) return tl::unexpected(std::string("the mp4 muxer is missing from libavformat"));
    for (const AVCodecContext* enc : {video, audio}) {
        AVStream* st = avformat_new_stream(w->out_.get(), nullptr);
        avcodec_parameters_from_context(st->codecpar, enc);
        st->time_base = enc->time_base;
        if (enc == video) st->avg_frame_rate = enc->framerate;
    }
    w->video_tb_ = video->time_base;
    w->audio_tb_ = audio->time_base;
    for (const auto& [key, value] : tags) av_dict_set(&w->out_->metadata, key.c_str(), value.c_str(), 0);
    if (int err = avio_open(&w->out_->pb, path.c_str(), AVIO_FLAG_WRITE); err < 0)
        return tl::unexpected("cannot create " + path + " (" + av::error_text(err) +
                              "); check that the output folder exists and is writable, or set [media] output_dir");
    // Also cut on time (1 s), so a fragment never grows past that whatever the keyframe interval.
    // The moov waits for the first fragment (delay_moov) so that it can carry edit lists: the
    // video's B-frame delay and the AAC priming are then trimmed, and both streams start at 0
    // (with empty_moov the muxer shifts the video to 0.066 s and the first audio packet to 0).
    av::DictionaryPtr options = av::make_dictionary({{"movflags", "frag_keyframe+delay_moov+default_base_moof"},
                                                     {"frag_duration", "1000000"},
                                                     {"use_editlist", "1"}});
    int err = av::with_options(options, [&](AVDictionary** o) { return avformat_write_header(w->out_.get(), o); });
    if (err < 0) return tl::unexpected("cannot write the header of " + path + " (" + av::error_text(err) + ")");
    avio_flush(w->out_->pb);
    return w;
}

tl::expected<void, std::string> SegmentWriter::write(AVPacket* packet, bool video, int64_t start) {
    AVStream* st = out_->streams[video ? 0 : 1];
    packet->stream_index = st->index;
    if (packet->pts != AV_NOPTS_VALUE) packet->pts -= start;
    if (packet->dts != AV_NOPTS_VALUE) packet->dts -= start;
    // The muxer may have changed the stream time base in write_header (mp4 uses its own timescale).
    av_packet_rescale_ts(packet, video ? video_tb_ : audio_tb_, st->time_base);
    bool keyframe = video && (packet->flags & AV_PKT_FLAG_KEY);
    if (int err = av_interleaved_write_frame(out_.get(), packet); err < 0)
        return tl::unexpected("cannot write to " + path_ + " (" + av::error_text(err) + "); is the disk full?");
    // A keyframe closed the previous fragment: push it out of our buffer so a crash keeps it.
    if (keyframe) avio_flush(out_->pb);
    return {};
}

tl::expected<void, std::string> SegmentWriter::close() {
    if (closed_) return {};
    closed_ = true;
    int err = av_write_trailer(out_.get());
    avio_closep(&out_->pb);
    if (err < 0) return tl::unexpected("cannot finish " + path_ + " (" + av::error_text(err) + ")");
    return {};
}

int64_t SegmentWriter::bytes() const { return out_ && out_->pb ? avio_tell(out_->pb) : 0; }

}  // namespace lectern
