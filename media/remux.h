// Copies a recording's packets into a new MP4 without re-encoding: the finished file with its
// index at the front (faststart, so it streams and seeks at once), written to a temporary name,
// fsync'ed and renamed so that a crash never leaves half a finished file.
#pragma once

#include <tl/expected.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

struct AVFormatContext;

namespace lectern {

struct MediaInfo {
    double duration_seconds = 0;
    std::string video_codec, audio_codec;
    int width = 0, height = 0;
    double fps = 0;
    int sample_rate = 0, channels = 0;
    int64_t video_frames = 0;
};

// MP4 tags (title, artist, …) as key/value pairs, in the order written.
using Mp4Tags = std::vector<std::pair<std::string, std::string>>;

// Reads up to the first damaged packet (a file cut by a crash ends mid-fragment) and keeps the rest.
// The copy carries from's tags, with `tags` written over them. to may be from itself (a retag).
// On failure the temporary file (to + ".tmp") is removed.
tl::expected<MediaInfo, std::string> remux_to_faststart(const std::string& from, const std::string& to, const Mp4Tags& tags = {});
// What remux_to_faststart would report, without writing anything (a file finalized in place).
tl::expected<MediaInfo, std::string> read_media_info(const std::string& path);

// Copies in's own tags (title, speakers, … — not the container's brand entries) to out, then
// `tags` over them, creates tmp and writes the header of a faststart MP4. out's streams must be set up already.
tl::expected<void, std::string> begin_faststart_output(const AVFormatContext* in, AVFormatContext* out, const std::string& tmp,
                                                       const Mp4Tags& tags = {});

// Makes tmp the file at path: fsync tmp, rename over path, fsync the folder.
tl::expected<void, std::string> commit_file(const std::string& tmp, const std::string& path);

// Writes text to path through path.tmp, fsync and rename.
tl::expected<void, std::string> write_file_atomically(const std::string& path, const std::string& text);

}  // namespace lectern
