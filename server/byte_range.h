// The byte range a request's Range header asks of a body of `size` bytes (RFC 9110, section 14):
// one range of bytes ("bytes=0-499", "bytes=500-", "bytes=-500") is answered with 206, one that
// starts past the end with 416; anything else (no header, another unit, several ranges, nonsense)
// gets the whole body, as the RFC allows a server that ignores Range.
#pragma once

#include <cstdint>
#include <string_view>

namespace lectern {

struct ByteRange {
    enum Kind { Whole, Part, Unsatisfiable } kind = Whole;
    uint64_t first = 0;   // of a Part: the first byte sent
    uint64_t length = 0;  // of a Part: how many bytes (at least 1)
};

ByteRange byte_range(std::string_view range_header, uint64_t size);

}  // namespace lectern
