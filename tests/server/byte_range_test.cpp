// Which part of a file a Range header asks for (server/byte_range.h), edge by edge.
#include "byte_range.h"

#include <doctest/doctest.h>

using lectern::byte_range;
using lectern::ByteRange;

namespace {

bool part(const ByteRange& r, uint64_t first, uint64_t length) {
    return r.kind == ByteRange::Part && r.first == first && r.length == length;
}

}  // namespace

TEST_CASE("one range of bytes is answered with exactly the bytes asked for, clipped at the end") {
    CHECK(part(byte_range("bytes=0-499", 1000), 0, 500));
    CHECK(part(byte_range("bytes=0-0", 1000), 0, 1));
    CHECK(part(byte_range("bytes=999-999", 1000), 999, 1));
    CHECK(part(byte_range("bytes=500-", 1000), 500, 500));
    CHECK(part(byte_range("bytes=990-5000", 1000), 990, 10));
    CHECK(part(byte_range("bytes=-200", 1000), 800, 200));
    CHECK(part(byte_range("bytes=-5000", 1000), 0, 1000));  // more than the file: all of it
    CHECK(part(byte_range("Bytes=1- 2 ", 1000), 1, 2));      // another case, stray spaces
}

TEST_CASE("a range that starts past the end, or asks for no bytes, cannot be satisfied") {
    CHECK(byte_range("bytes=1000-", 1000).kind == ByteRange::Unsatisfiable);
    CHECK(byte_range("bytes=1000-2000", 1000).kind == ByteRange::Unsatisfiable);
    CHECK(byte_range("bytes=-0", 1000).kind == ByteRange::Unsatisfiable);
    CHECK(byte_range("bytes=0-", 0).kind == ByteRange::Unsatisfiable);
    CHECK(byte_range("bytes=-1", 0).kind == ByteRange::Unsatisfiable);
}

TEST_CASE("no, several, foreign or nonsensical ranges get the whole file") {
    for (const char* header : {"", "bytes=", "bytes=-", "bytes=5-3", "items=0-1", "bytes=0-1,5-6", "bytes=a-b", "bytes=1-2-3",
                               "bytes=--1", "bytes=+1-2", "bytes=99999999999999999999-", "bytes=0-99999999999999999999", "bytes 0-1"}) {
        CAPTURE(header);
        CHECK(byte_range(header, 1000).kind == ByteRange::Whole);
    }
}
