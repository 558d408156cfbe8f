// The ETag an S3 server computes from the bytes it received, for checking an upload without
// reading it back: the MD5 of the object for a single PUT; for a multipart upload the MD5 of the
// parts' binary MD5s, then "-" and the number of parts. (Servers that encrypt with KMS keys use
// other ETags: the target then reads the object back instead.)
#pragma once

#include "upload_job.h"

#include <tl/expected.hpp>

#include <cstdint>
#include <string>

namespace lectern {

// Lowercase hex, without quotes; part_size <= 0 = a single PUT. Throws naming the file when it
// cannot be read.
std::string s3_etag(const std::string& path, int64_t size, int64_t part_size);

// Whether `etag`, as a server sent it (quoted or not), is the one S3 computes for this file; a
// multipart ETag ("…-N") is computed with part_size. False for an empty or other kind of ETag (KMS);
// a retryable error when the file cannot be read.
tl::expected<bool, UploadError> s3_etag_matches(const std::string& path, int64_t size, std::string etag, int64_t part_size);

}  // namespace lectern
