// Recording file names from a template such as "{date}_{room}_{time}_{speaker}", made safe for
// any file system the files may be copied to (ext4, exFAT/FAT32 sticks, NTFS, SMB shares).
#pragma once

#include "recording_types.h"

#include <string>

namespace lectern {

// Fields: {date} 2024-04-29, {time} 0940 (local, in meta.time_zone, at `when`), {room}, {item},
// {title}, {speaker} (first speaker, Latin name or else native name), {event}, {kiosk}.
std::string expand_file_name(const std::string& pattern, const RecordingMeta& meta, TimePoint when);

// Replaces path separators, control and reserved characters with '_', trims trailing dots and
// spaces, avoids Windows device names (CON, NUL, COM1...), caps the length at max_bytes without
// splitting a UTF-8 character, and keeps every other character (Chinese names stay readable).
std::string safe_file_name(const std::string& name, size_t max_bytes = 150);

}  // namespace lectern
