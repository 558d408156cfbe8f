// Cost of one Recordings-screen thumbnail: open a recording, seek, decode to 3 s in, scale to
// 320 px RGBA. Usage: archive_thumbnail_bench FILE.mp4 [ROUNDS]  (target: <= 150 ms on 2 cores)
#include "thumbnail.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: archive_thumbnail_bench FILE.mp4 [ROUNDS]\n");
        return 2;
    }
    const int rounds = argc > 2 ? std::stoi(argv[2]) : 15;
    std::vector<double> ms;
    for (int i = 0; i < rounds; ++i) {
        auto t = std::chrono::steady_clock::now();
        auto thumb = lectern::make_thumbnail(argv[1], 3.0, 320);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
        if (!thumb) {
            std::fprintf(stderr, "%s\n", thumb.error().c_str());
            return 1;
        }
    }
    std::sort(ms.begin(), ms.end());
    std::printf("thumbnail of %s: median %.1f ms, max %.1f ms over %d rounds (target <= 150 ms)\n", argv[1],
                ms[ms.size() / 2], ms.back(), rounds);
    std::printf("reproduce: build/bin/archive_thumbnail_bench %s %d\n", argv[1], rounds);
}
