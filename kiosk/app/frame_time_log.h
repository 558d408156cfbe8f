// bench/kiosk/frame_time.sh's view of the live loop (LECTERN_FRAME_TIMES): see the class comment.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace lectern {

// bench/kiosk/frame_time.sh: with LECTERN_FRAME_TIMES=FILE each frame's work, from the end of the
// wait for events to the end of applying its intents, is appended to FILE as two triples of
// microseconds, for the whole frame and for rasterizing and presenting it (end_frame): wall
// time, this thread's CPU time, and its time waiting for a CPU (/proc/thread-self/schedstat). Wall
// minus the other two is what the frame waited for by itself (a lock, the disk, SQLite, the GL
// driver's threads), apart from what a busy machine costs it. A seventh number: the pixels the
// frame drew (0 when the picture had not changed; see FrameRenderer::drawn_pixels()).
class FrameTimeLog {
public:
    FrameTimeLog() {
        if (const char* path = std::getenv("LECTERN_FRAME_TIMES"); path && *path) out_ = std::fopen(path, "w");
    }
    ~FrameTimeLog() {
        if (out_) std::fclose(out_);
    }
    void begin() { sample(at_[0]); }
    void rendering() { sample(at_[1]); }  // around end_frame()
    void rendered() { sample(at_[2]); }
    void end(long drawn_pixels) {
        if (!out_) return;
        sample(at_[3]);
        for (const auto& [from, to] : {std::pair{0, 3}, std::pair{1, 2}})
            std::fprintf(out_, "%lld %lld %lld ", (at_[to].wall_ns - at_[from].wall_ns) / 1000, (at_[to].cpu_ns - at_[from].cpu_ns) / 1000,
                         (at_[to].wait_ns - at_[from].wait_ns) / 1000);
        std::fprintf(out_, "%ld\n", drawn_pixels);
        std::fflush(out_);  // the benchmark ends the kiosk with its X server
    }

private:
    struct Sample {
        long long wall_ns = 0, cpu_ns = 0, wait_ns = 0;
    };
    void sample(Sample& s) const {
        if (!out_) return;
        s.wall_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
        if (std::FILE* f = std::fopen("/proc/thread-self/schedstat", "r")) {
            if (std::fscanf(f, "%lld %lld", &s.cpu_ns, &s.wait_ns) != 2) s.cpu_ns = s.wait_ns = 0;
            std::fclose(f);
        }
    }
    std::FILE* out_ = nullptr;
    Sample at_[4];
};

}  // namespace lectern
