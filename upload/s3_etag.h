// The ETag an S3 server computes from the bytes it received, for checking an upload without
// reading it back: the MD5 of the object for a single PUT; for a multipart upload the MD5 of the
// parts' binary MD5s, then "-" and the number of parts. (Servers that encrypt with KMS keys use
// other ETags: the target then reads the object back instead.)
#pragma once

#include <cstdint>
#include <string>

namespace lectern {

// Lowercase hex, without quotes; part_size <= 0 = a single PUT. Throws naming the file when it
// cannot be read.
std::string s3_etag(const std::string& path, int64_t size, int64_t part_size);

}  // namespace lectern
