// The files of a recording session: opening one per speech (pending record first, then the
// fragmented MP4 with its tags), routing each packet to the file its timestamp belongs to, and
// closing a file once both encoders are past its end.
#include "recorder_impl.h"

#include "file_naming.h"
#include "sidecar.h"

#include <filesystem>

namespace lectern {
namespace {

TimePoint wall_now() { return std::chrono::floor<seconds>(std::chrono::system_clock::now()); }

}  // namespace

tl::expected<void, std::string> Recorder::Impl::open_segment(const RecordingMeta& meta) {
    TimePoint start = wall_now();
    std::string stem = safe_file_name(expand_file_name(config.file_name, meta, start));
    OpenSegment seg;
    auto names = names_for(output_dir, stem);
    if (!names) return tl::unexpected(names.error());
    seg.job = std::move(*names);
    seg.job.file_id = applying_command;
    seg.first_frame = next_frame;
    seg.first_sample = next_frame * config.sample_rate / config.fps;
    seg.job.facts.meta = meta;
    seg.job.facts.actual_start = start;
    seg.job.facts.first_frame = next_frame;
    // The pending record first: if we crash from here on, recovery knows what this file is.
    if (auto ok = write_file_atomically(seg.job.pending_path, pending_json(meta, start, next_frame).dump(2)); !ok)
        return tl::unexpected(ok.error() + " in output folder " + output_dir +
                              "; check that it is writable, or set [media] output_dir or --out");
    auto writer = SegmentWriter::open(seg.job.partial_path, video_encoder->context(), audio_encoder->context(),
                                      mp4_tags(meta, start));
    if (!writer) {
        std::error_code ec;
        std::filesystem::remove(seg.job.pending_path, ec);
        return tl::unexpected(writer.error());
    }
    seg.writer = std::move(*writer);
    if (!segments.empty()) segments.back().job.facts.actual_end = start;
    segments.push_back(std::move(seg));
    current_meta = meta;
    force_key = true;
    ++segment_number;
    return {};
}

void Recorder::Impl::route(AVPacket* packet, bool video) {
    if (segments.empty()) return;
    // The newest file whose start is at or before this packet; earlier files are then complete
    // for this stream, because both encoders emit in order past a forced IDR.
    size_t i = segments.size() - 1;
    while (i > 0 && packet->pts < (video ? segments[i].first_frame : segments[i].first_sample)) --i;
    for (size_t j = 0; j < i; ++j) (video ? segments[j].video_done : segments[j].audio_done) = true;
    OpenSegment& seg = segments[i];
    auto ok = seg.writer->write(packet, video, video ? seg.first_frame : seg.first_sample);
    if (!ok) fail(ok.error());
}

void Recorder::Impl::close_done_segments(bool all) {
    while (!segments.empty() && (all || (segments.size() > 1 && segments.front().video_done &&
                                         segments.front().audio_done))) {
        OpenSegment seg = std::move(segments.front());
        segments.pop_front();
        auto ok = seg.writer->close();
        if (!ok) message = ok.error();
        if (seg.job.facts.actual_end == TimePoint{}) seg.job.facts.actual_end = wall_now();
        finalizer->submit(std::move(seg.job));
    }
}

}  // namespace lectern
