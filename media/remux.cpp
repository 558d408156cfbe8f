#include "remux.h"

#include "av_error.h"
#include "av_ptr.h"

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace lectern {
namespace {

bool fsync_path(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return false;
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// The rename is only durable once the folder's entry is on disk too.
tl::expected<void, std::string> commit(const std::string& tmp, const std::string& path) {
    if (!fsync_path(tmp)) return tl::unexpected("cannot fsync " + tmp);
    if (std::rename(tmp.c_str(), path.c_str()) != 0) return tl::unexpected("cannot rename " + tmp + " to " + path);
    fsync_path(std::filesystem::path(path).parent_path().empty() ? "." : std::filesystem::path(path).parent_path().string());
    return {};
}

}  // namespace

namespace {

// Reads every packet of from (up to the first damaged one) and, when out is given, copies it there.
tl::expected<MediaInfo, std::string> read_packets(const std::string& from, const std::string* to, const Mp4Tags& tags) {
    av::InputFormatPtr in;
    if (int err = av::make_input(in, from.c_str(), nullptr, nullptr, AVIOInterruptCB{}); err < 0)
        return tl::unexpected("cannot open " + from + " (" + av::error_text(err) + ")");
    if (int err = avformat_find_stream_info(in.get(), nullptr); err < 0)
        return tl::unexpected("cannot read " + from + " (" + av::error_text(err) + ")");

    const std::string tmp = to ? *to + ".tmp" : std::string();
    av::OutputFormatPtr out = to ? av::make_output("mp4", tmp.c_str()) : av::OutputFormatPtr();
    MediaInfo info;
    int video_index = -1;
    for (unsigned i = 0; i < in->nb_streams; ++i) {
        const AVCodecParameters* par = in->streams[i]->codecpar;
        if (out) {
            AVStream* st = avformat_new_stream(out.get(), nullptr);
            avcodec_parameters_copy(st->codecpar, par);
            st->codecpar->codec_tag = 0;
            st->time_base = in->streams[i]->time_base;
            st->avg_frame_rate = in->streams[i]->avg_frame_rate;
        }
        if (par->codec_type == AVMEDIA_TYPE_VIDEO) {
            video_index = static_cast<int>(i);
            info.video_codec = avcodec_get_name(par->codec_id);
            info.width = par->width;
            info.height = par->height;
            info.fps = av_q2d(in->streams[i]->avg_frame_rate);
        } else if (par->codec_type == AVMEDIA_TYPE_AUDIO) {
            info.audio_codec = avcodec_get_name(par->codec_id);
            info.sample_rate = par->sample_rate;
            info.channels = par->ch_layout.nb_channels;
        }
    }
    if (out)
        if (auto begun = begin_faststart_output(in.get(), out.get(), tmp, tags); !begun) return tl::unexpected(begun.error());

    av::PacketPtr packet = av::make_packet();
    int err = 0;
    int64_t start_pts = INT64_MAX, end_pts = 0;  // video presentation span, in microseconds
    while (av_read_frame(in.get(), packet.get()) >= 0) {
        AVStream* ist = in->streams[packet->stream_index];
        if (packet->stream_index == video_index) {
            ++info.video_frames;
            int64_t pts = av_rescale_q(packet->pts, ist->time_base, AVRational{1, 1000000});
            int64_t pts_end = av_rescale_q(packet->pts + packet->duration, ist->time_base, AVRational{1, 1000000});
            start_pts = std::min(start_pts, pts);
            end_pts = std::max(end_pts, pts_end);
        }
        if (!out) {
            av_packet_unref(packet.get());
            continue;
        }
        av_packet_rescale_ts(packet.get(), ist->time_base, out->streams[packet->stream_index]->time_base);
        packet->pos = -1;
        // av_interleaved_write_frame takes the packet's reference; packet is blank afterwards.
        if ((err = av_interleaved_write_frame(out.get(), packet.get())) < 0)
            return tl::unexpected("cannot write " + tmp + " (" + av::error_text(err) + "); is the disk full?");
    }
    info.duration_seconds = start_pts == INT64_MAX ? 0 : (end_pts - start_pts) / 1e6;
    if (!out) return info;
    if ((err = av_write_trailer(out.get())) < 0)
        return tl::unexpected("cannot finish " + tmp + " (" + av::error_text(err) + "); is the disk full?");
    if ((err = avio_closep(&out->pb)) < 0)
        return tl::unexpected("cannot close " + tmp + " (" + av::error_text(err) + "); is the disk full?");
    if (auto ok = commit(tmp, *to); !ok) return tl::unexpected(ok.error());
    return info;
}

}  // namespace

tl::expected<MediaInfo, std::string> remux_to_faststart(const std::string& from, const std::string& to, const Mp4Tags& tags) {
    auto info = read_packets(from, &to, tags);
    // A failed copy must not leave a second, half-written file on a disk that may be full.
    std::error_code ec;
    if (!info) std::filesystem::remove(to + ".tmp", ec);
    return info;
}

tl::expected<MediaInfo, std::string> read_media_info(const std::string& path) { return read_packets(path, nullptr, {}); }

tl::expected<void, std::string> begin_faststart_output(const AVFormatContext* in, AVFormatContext* out, const std::string& tmp,
                                                       const Mp4Tags& tags) {
    const AVDictionaryEntry* tag = nullptr;
    while ((tag = av_dict_get(in->metadata, "", tag, AV_DICT_IGNORE_SUFFIX))) {
        std::string key = tag->key;
        if (key != "major_brand" && key != "minor_version" && key != "compatible_brands" && key != "encoder")
            av_dict_set(&out->metadata, tag->key, tag->value, 0);
    }
    for (const auto& [key, value] : tags) av_dict_set(&out->metadata, key.c_str(), value.c_str(), 0);
    if (int err = avio_open(&out->pb, tmp.c_str(), AVIO_FLAG_WRITE); err < 0)
        return tl::unexpected("cannot create " + tmp + " (" + av::error_text(err) + ")");
    av::DictionaryPtr options = av::make_dictionary({{"movflags", "faststart"}});
    int err = av::with_options(options, [&](AVDictionary** o) { return avformat_write_header(out, o); });
    if (err < 0) return tl::unexpected("cannot write " + tmp + " (" + av::error_text(err) + ")");
    return {};
}

tl::expected<void, std::string> commit_file(const std::string& tmp, const std::string& path) {
    return commit(tmp, path);
}

tl::expected<void, std::string> write_file_atomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return tl::unexpected("cannot create " + tmp);
    bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    ok = std::fclose(f) == 0 && ok;
    std::error_code ec;
    if (!ok) return std::filesystem::remove(tmp, ec), tl::unexpected("cannot write " + tmp + "; is the disk full?");
    return commit(tmp, path);
}

}  // namespace lectern
