// Sound and picture across a gapless split ("Next speaker") and across the undo join that merges
// the second file back into the first: the sync pattern is recorded in real time for two speeches,
// split between them, and the offset (sound − picture) is reported at the start and end of each
// file and, after the join, at the join point. With CONFIG.toml the source is its [media] section
// (an RTSP camera serving the sync pattern, with or without a PulseAudio microphone: see
// BENCHMARKS.md), at its size; without, the synthetic sync pattern at 640x360.
//
//   build/bin/lectern_split_join_sync [SECONDS_PER_SPEECH (30)] [OUTPUT_DIR (/tmp/lectern-split-join)] [CONFIG.toml]
#include "av_ptr.h"
#include "lectern_config.h"
#include "recorder.h"
#include "segment_join.h"
#include "sync_probe.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

using namespace lectern;
using namespace lectern::bench;

namespace {

RecordingMeta speech(const std::string& title) {
    RecordingMeta m;
    m.event = "sync bench";
    m.room = "bench";
    m.item_id = title;
    m.title = title;
    return m;
}

// The pair nearest to time t in the file.
const SyncPair* nearest(const SyncReport& r, double t) {
    const SyncPair* best = nullptr;
    for (const SyncPair& p : r.pairs)
        if (!best || std::fabs(p.flash - t) < std::fabs(best->flash - t)) best = &p;
    return best;
}

bool report(const char* name, const std::string& file, double join_at = -1) {
    auto r = probe_sync(file);
    if (!r) {
        std::fprintf(stderr, "%s: %s\n", name, r.error().c_str());
        return false;
    }
    if (r->pairs.empty()) {
        std::printf("%-8s no flash/beep pairs found in %s\n", name, file.c_str());
        return false;
    }
    double worst = 0;
    for (const SyncPair& p : r->pairs) worst = std::max(worst, std::fabs(p.offset()));
    std::printf("%-8s %3zu pairs; start %+6.1f ms (at %6.2f s), end %+6.1f ms (at %6.2f s), worst |%.1f| ms", name,
                r->pairs.size(), r->pairs.front().offset() * 1000, r->pairs.front().flash,
                r->pairs.back().offset() * 1000, r->pairs.back().flash, worst * 1000);
    if (join_at >= 0) {
        const SyncPair* p = nearest(*r, join_at);
        std::printf("; at the join (%.2f s): %+6.1f ms (at %.2f s)", join_at, p->offset() * 1000, p->flash);
    }
    std::printf("\n");
    return true;
}

double duration(const std::string& file) {
    av::InputFormatPtr input;
    if (av::make_input(input, file.c_str(), nullptr, nullptr, AVIOInterruptCB{nullptr, nullptr}) < 0) return 0;
    if (avformat_find_stream_info(input.get(), nullptr) < 0) return 0;
    return input->duration / double(AV_TIME_BASE);
}

}  // namespace

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 30;
    const std::string dir = argc > 2 ? argv[2] : "/tmp/lectern-split-join";
    std::filesystem::remove_all(dir);
    MediaConfig c;
    if (argc > 3) {
        c = load_config(argv[3]).media;
    } else {
        c.source = "sync";
        c.width = 640;
        c.height = 360;
        c.fps = 30;
    }
    c.output_dir = dir;
    c.disk_warn_mb = 0;
    Recorder recorder(c);
    if (auto ok = recorder.open(); !ok) return std::fprintf(stderr, "%s\n", ok.error().c_str()), 1;
    if (auto ok = recorder.start(speech("first")); !ok) return std::fprintf(stderr, "%s\n", ok.error().c_str()), 1;
    // The operator presses Next speaker at some frame of the second, not on a flash.
    const int64_t split_frame = static_cast<int64_t>(seconds * c.fps) + c.fps / 2;
    while (recorder.status().frames_recorded < split_frame) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    recorder.split(speech("second"));
    recorder.stop_at(2 * seconds + 1);
    auto first = recorder.wait_finished(std::chrono::seconds(static_cast<int>(4 * seconds) + 60));
    auto second = recorder.wait_finished(std::chrono::seconds(static_cast<int>(4 * seconds) + 60));
    if (!first || !second) return std::fprintf(stderr, "the recorder did not finish two files\n"), 1;
    const RecorderStatus s = recorder.status();
    std::printf("%s%s, split after frame %lld, stopped at %g s; %dx%d, %d fps: %lld frames, %lld dropped, %lld duplicated, "
                "%lld skipped\n",
                c.source.c_str(), c.audio_source.empty() ? "" : (" + " + c.audio_source).c_str(),
                static_cast<long long>(split_frame), 2 * seconds + 1, c.width, c.height, c.fps,
                static_cast<long long>(s.frames_recorded),
                static_cast<long long>(s.dropped_frames), static_cast<long long>(s.duplicated_frames),
                static_cast<long long>(s.skipped_frames));
    bool ok = report("first", first->media_path) & report("second", second->media_path);
    // The join point: where the first file ends (read before the join replaces it).
    const double join_at = duration(first->media_path);
    auto joined = join_recordings(*first, *second);
    if (!joined) return std::fprintf(stderr, "join: %s\n", joined.error().c_str()), 1;
    ok = report("joined", joined->media_path, join_at) && ok;
    std::printf("command: build/bin/lectern_split_join_sync %g %s%s%s\n", seconds, dir.c_str(), argc > 3 ? " " : "",
                argc > 3 ? argv[3] : "");
    return ok ? 0 : 1;
}
