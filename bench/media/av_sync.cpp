// How far sound and picture are apart in recordings of the sync pattern: every flash is paired
// with its beep and the offsets are summarised (at the start, at the end, worst). Goal: |offset| at
// most one frame (33 ms at 30 fps) throughout, no drift.
//
//   build/bin/lectern_av_sync [--all] FILE.mp4...
//   (make a recording with [media] source = "sync": see BENCHMARKS.md, "Sound and picture in sync")
#include "sync_probe.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

using namespace lectern::bench;

namespace {

double ms(double seconds) { return seconds * 1000; }

void summarise(const std::string& file, const SyncReport& r, bool all) {
    std::printf("%s\n  streams start: video %.3f s, audio %.3f s\n", file.c_str(), r.video_start, r.audio_start);
    std::printf("  %zu flashes, %zu beeps, %zu pairs\n", r.flashes.size(), r.beeps.size(), r.pairs.size());
    if (r.pairs.empty()) return;
    double worst = 0, sum = 0, st = 0, stt = 0, sto = 0;
    for (const SyncPair& p : r.pairs) {
        if (std::fabs(p.offset()) > std::fabs(worst)) worst = p.offset();
        sum += p.offset();
        st += p.flash;
        stt += p.flash * p.flash;
        sto += p.flash * p.offset();
        if (all) std::printf("    at %9.3f s  sound %+7.1f ms\n", p.flash, ms(p.offset()));
    }
    // Drift: the least-squares slope of offset over time.
    const double n = static_cast<double>(r.pairs.size());
    const double spread = stt - st * st / n;
    const double drift = spread > 0 ? (sto - st * sum / n) / spread : 0;
    const SyncPair& first = r.pairs.front();
    const SyncPair& last = r.pairs.back();
    std::printf("  sound vs picture: first %+.1f ms (at %.1f s), last %+.1f ms (at %.1f s), mean %+.1f ms, "
                "worst %+.1f ms; drift %+.2f ms/min\n",
                ms(first.offset()), first.flash, ms(last.offset()), last.flash, ms(sum / n), ms(worst), ms(drift) * 60);
}

}  // namespace

int main(int argc, char** argv) {
    bool all = false;
    int files = 0, failed = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--all") == 0) {
            all = true;
            continue;
        }
        ++files;
        auto report = probe_sync(argv[i]);
        if (!report) {
            std::fprintf(stderr, "lectern_av_sync: %s\n", report.error().c_str());
            ++failed;
            continue;
        }
        summarise(argv[i], *report, all);
    }
    if (files == 0) {
        std::fprintf(stderr, "usage: lectern_av_sync [--all] FILE.mp4...\n");
        return 2;
    }
    return failed ? 1 : 0;
}
