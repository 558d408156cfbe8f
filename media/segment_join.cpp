#include "segment_join.h"

#include "av_error.h"
#include "av_ptr.h"
#include "remux.h"
#include "sha256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <vector>

namespace fs = std::filesystem;

namespace lectern {
namespace {

using Json = nlohmann::json;

tl::expected<Json, std::string> read_sidecar(const std::string& path) {
    std::ifstream in(path);
    if (!in) return tl::unexpected("cannot open sidecar " + path);
    Json j = Json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return tl::unexpected("cannot read sidecar " + path + " (not JSON)");
    return j;
}

tl::expected<av::InputFormatPtr, std::string> open_media(const std::string& path) {
    av::InputFormatPtr in;
    if (int err = av::make_input(in, path.c_str(), nullptr, nullptr, AVIOInterruptCB{}); err < 0)
        return tl::unexpected("cannot open " + path + " (" + av::error_text(err) + ")");
    if (int err = avformat_find_stream_info(in.get(), nullptr); err < 0)
        return tl::unexpected("cannot read " + path + " (" + av::error_text(err) + ")");
    return in;
}

// Segments of one session share streams, codecs, parameters and time bases; anything else would
// make a file that plays wrongly after the join.
tl::expected<void, std::string> check_same_streams(const AVFormatContext* a, const AVFormatContext* b,
                                                   const std::string& a_path, const std::string& b_path) {
    auto differ = [&](const std::string& what) {
        return tl::unexpected(b_path + " cannot be joined to " + a_path + ": " + what + " differ");
    };
    if (a->nb_streams != b->nb_streams) return differ("the number of streams");
    for (unsigned i = 0; i < a->nb_streams; ++i) {
        const AVStream* x = a->streams[i];
        const AVStream* y = b->streams[i];
        const AVCodecParameters* p = x->codecpar;
        const AVCodecParameters* q = y->codecpar;
        if (p->codec_type != q->codec_type || p->codec_id != q->codec_id) return differ("the codecs");
        if (av_cmp_q(x->time_base, y->time_base) != 0) return differ("the time bases");
        if (p->width != q->width || p->height != q->height || p->sample_rate != q->sample_rate ||
            p->ch_layout.nb_channels != q->ch_layout.nb_channels)
            return differ("the picture sizes or audio formats");
    }
    return {};
}

// Per output stream: the presentation span written so far, in the output time base.
struct JoinedSpan {
    std::vector<int64_t> start, end;
    int video_index = -1;
    int64_t video_frames = 0;
    double video_seconds = 0;
};

// Copies every packet of `in` to `out`, shifted by offset[stream] (output time base).
tl::expected<void, std::string> copy_packets(AVFormatContext* in, const std::string& in_path, AVFormatContext* out,
                                             const std::string& out_path, const std::vector<int64_t>& offset,
                                             JoinedSpan& span) {
    av::PacketPtr packet = av::make_packet();
    for (;;) {
        int err = av_read_frame(in, packet.get());
        if (err == AVERROR_EOF) return {};
        if (err < 0) return tl::unexpected("cannot read " + in_path + " (" + av::error_text(err) + ")");
        const int i = packet->stream_index;
        // Packet times are in the input stream's time base; the muxer may have chosen another one.
        av_packet_rescale_ts(packet.get(), in->streams[i]->time_base, out->streams[i]->time_base);
        if (packet->pts != AV_NOPTS_VALUE) {
            packet->pts += offset[i];
            span.start[i] = std::min(span.start[i], packet->pts);
            span.end[i] = std::max(span.end[i], packet->pts + packet->duration);
        }
        if (packet->dts != AV_NOPTS_VALUE) packet->dts += offset[i];
        if (i == span.video_index) ++span.video_frames;
        packet->pos = -1;
        // av_interleaved_write_frame takes the packet's reference; packet is blank afterwards.
        if ((err = av_interleaved_write_frame(out, packet.get())) < 0)
            return tl::unexpected("cannot write " + out_path + " while copying " + in_path + " (" +
                                  av::error_text(err) + "); is the disk full?");
    }
}

// Removes the temporary file unless it was committed.
struct TempFile {
    std::string path;
    bool committed = false;
    ~TempFile() {
        std::error_code ec;
        if (!committed) fs::remove(path, ec);
    }
};

// Writes first + second (shifted) to tmp as a faststart MP4; returns the joined span.
tl::expected<JoinedSpan, std::string> write_joined(AVFormatContext* a, const std::string& a_path, AVFormatContext* b,
                                                   const std::string& b_path, const std::string& tmp) {
    av::OutputFormatPtr out = av::make_output("mp4", tmp.c_str());
    if (!out) return tl::unexpected("cannot create an MP4 muxer for " + tmp);
    JoinedSpan span;
    for (unsigned i = 0; i < a->nb_streams; ++i) {
        const AVStream* ist = a->streams[i];
        AVStream* st = avformat_new_stream(out.get(), nullptr);
        if (!st) return tl::unexpected("cannot add a stream to " + tmp);
        if (int err = avcodec_parameters_copy(st->codecpar, ist->codecpar); err < 0)
            return tl::unexpected("cannot copy stream parameters of " + a_path + " (" + av::error_text(err) + ")");
        st->codecpar->codec_tag = 0;
        st->time_base = ist->time_base;
        if (ist->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
            st->avg_frame_rate = ist->avg_frame_rate;
            if (span.video_index < 0) span.video_index = static_cast<int>(i);
        }
    }
    // The first file's tags (title, speakers, ...) go on the joined file.
    if (auto begun = begin_faststart_output(a, out.get(), tmp); !begun) return tl::unexpected(begun.error());

    span.start.assign(a->nb_streams, INT64_MAX);
    span.end.assign(a->nb_streams, INT64_MIN);
    if (auto ok = copy_packets(a, a_path, out.get(), tmp, std::vector<int64_t>(a->nb_streams, 0), span); !ok)
        return tl::unexpected(ok.error());
    // Each stream of the second file starts where the same stream of the first ended: no gap, no overlap.
    std::vector<int64_t> offset(a->nb_streams, 0);
    for (unsigned i = 0; i < a->nb_streams; ++i) {
        if (span.end[i] == INT64_MIN) return tl::unexpected(a_path + " has no packets in stream " + std::to_string(i));
        const AVStream* ist = b->streams[i];
        int64_t b_start = ist->start_time == AV_NOPTS_VALUE ? 0 : ist->start_time;
        offset[i] = span.end[i] - av_rescale_q(b_start, ist->time_base, out->streams[i]->time_base);
    }
    if (auto ok = copy_packets(b, b_path, out.get(), tmp, offset, span); !ok) return tl::unexpected(ok.error());
    int err = 0;
    // The trailer writes the index (moved to the front for faststart); without it the file is unplayable.
    if ((err = av_write_trailer(out.get())) < 0)
        return tl::unexpected("cannot finish " + tmp + " (" + av::error_text(err) + ")");
    if ((err = avio_closep(&out->pb)) < 0)
        return tl::unexpected("cannot close " + tmp + " (" + av::error_text(err) + "); is the disk full?");
    if (span.video_index >= 0) {
        const int v = span.video_index;
        span.video_seconds = (span.end[v] - span.start[v]) * av_q2d(out->streams[v]->time_base);
    }
    return span;
}

}  // namespace

tl::expected<FinishedRecording, std::string> join_recordings(const FinishedRecording& first,
                                                             const FinishedRecording& second) {
    if (fs::path(first.media_path) == fs::path(second.media_path))
        return tl::unexpected("cannot join " + first.media_path + " to itself");
    auto first_sidecar = read_sidecar(first.sidecar_path);
    if (!first_sidecar) return tl::unexpected(first_sidecar.error());
    auto second_sidecar = read_sidecar(second.sidecar_path);
    if (!second_sidecar) return tl::unexpected(second_sidecar.error());
    auto a = open_media(first.media_path);
    if (!a) return tl::unexpected(a.error());
    auto b = open_media(second.media_path);
    if (!b) return tl::unexpected(b.error());
    if (auto ok = check_same_streams(a->get(), b->get(), first.media_path, second.media_path); !ok)
        return tl::unexpected(ok.error());

    TempFile tmp{first.media_path + ".join.tmp"};
    auto span = write_joined(a->get(), first.media_path, b->get(), second.media_path, tmp.path);
    if (!span) return tl::unexpected(span.error());
    if (span->video_index < 0) return tl::unexpected(first.media_path + " has no video stream");
    a->reset();  // close the inputs before the first file is replaced
    b->reset();

    std::string sha;
    try {
        sha = sha256_file(tmp.path);
    } catch (const std::exception& e) {
        return tl::unexpected(e.what());
    }
    std::error_code ec;
    const auto size = fs::file_size(tmp.path, ec);
    if (ec) return tl::unexpected("cannot read the size of " + tmp.path + " (" + ec.message() + ")");
    if (auto ok = commit_file(tmp.path, first.media_path); !ok) return tl::unexpected(ok.error());
    tmp.committed = true;

    Json j = *first_sidecar;
    j["actual_end"] = second_sidecar->value("actual_end", j.value("actual_end", std::string()));
    j["duration_seconds"] = std::round(span->video_seconds * 1000) / 1000;
    j["size_bytes"] = static_cast<int64_t>(size);
    j["sha256"] = sha;
    j["frames"]["count"] = span->video_frames;
    j["video"]["frames"] = span->video_frames;
    if (auto ok = write_file_atomically(first.sidecar_path, j.dump(2) + "\n"); !ok)
        return tl::unexpected(ok.error() + "; " + first.media_path + " is already joined, " + second.media_path +
                              " is kept");
    // Only now is the joined pair durable, so the second recording can go.
    for (const std::string& path : {second.media_path, second.sidecar_path})
        if (fs::remove(path, ec); ec)
            return tl::unexpected(first.media_path + " is joined, but " + path + " cannot be deleted (" +
                                  ec.message() + "); delete it by hand");
    return FinishedRecording{first.media_path, first.sidecar_path, first.recovered};
}

}  // namespace lectern
