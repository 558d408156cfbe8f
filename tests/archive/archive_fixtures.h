// Recordings for the archive tests and benchmark: a media file of pseudo-random bytes and a
// sidecar in the recorder's schema (media/README.md), with the SHA-256 and size filled in.
#pragma once

#include "upload_fixtures.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lectern::archive_test {

struct FakeSpeaker {
    std::string name, native_name, affiliation;
};

struct FakeRecording {
    std::string stem = "recording";
    std::string event = "Symposium of International Cooperation and Exchange of the BJAST";
    std::string room = "BJAST Conference Hall";
    std::string title = "Talk";
    std::vector<FakeSpeaker> speakers;
    std::string actual_start = "2024-04-29T09:10:00+08:00";
    double duration_s = 1200;
    int64_t bytes = 4096;
    uint32_t seed = 1;
};

struct WrittenRecording {
    std::string media, sidecar, sha256;
};

// Writes <dir>/<stem>.mp4 and <dir>/<stem>.json (folders created as needed).
WrittenRecording write_fake_recording(const std::string& dir, const FakeRecording& r);

// n recordings spread over days, rooms and speakers (the benchmark's and tests' haystack);
// recording k is "<dir>/<day>/rec-<k>.mp4" with speaker "Speaker <k>" (native "讲者<k>").
void write_many_recordings(const std::string& dir, int n, int64_t bytes = 64);

// A fresh folder under /tmp, removed with its content when the object goes (the upload suite's).
using ScratchDir = lectern::test::TempDir;

}  // namespace lectern::archive_test
