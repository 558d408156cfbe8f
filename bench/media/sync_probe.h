// Finds the flashes and beeps of the sync pattern ([media] source = "sync", or any clip made
// from it) in a recording, with libav, and pairs them: how far the sound is from the picture.
#pragma once

#include <tl/expected.hpp>

#include <string>
#include <vector>

namespace lectern::bench {

struct SyncPair {
    double flash = 0;  // seconds, presentation time of the first white frame
    double beep = 0;   // seconds, presentation time of the first loud sample
    double offset() const { return beep - flash; }  // > 0: the sound comes late
};

struct SyncReport {
    double video_start = 0, audio_start = 0;  // the streams' first presentation times
    std::vector<double> flashes, beeps;
    std::vector<SyncPair> pairs;  // each flash with the beep nearest to it (within half a second)
};

tl::expected<SyncReport, std::string> probe_sync(const std::string& file);

}  // namespace lectern::bench
