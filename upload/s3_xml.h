// S3's XML through pugixml: the CompleteMultipartUpload request and the answers the S3 target
// reads (InitiateMultipartUpload's UploadId, ListParts, an <Error> sent with a 200).
#pragma once

#include "upload_job.h"

#include <tl/expected.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace lectern {

using S3Parts = std::map<int, std::string>;  // part number → ETag as the server sent it (quoted)

std::string s3_complete_request(const S3Parts& parts);
// True when a 200's body is an <Error> (S3 may fail a completion late).
bool s3_error_answer(const std::string& body);
std::string s3_upload_id(const std::string& initiate_answer);  // "" when there is none
std::string s3_completed_etag(const std::string& complete_answer);  // CompleteMultipartUploadResult's ETag, or ""
// ListParts: the parts the server holds with the size they should have (part_size, of a file of
// media_size) are added to `parts`. A <Size> or <PartNumber> that is not a number is a garbled
// answer, worth asking again (a retryable error).
tl::expected<void, UploadError> s3_listed_parts(const std::string& body, int64_t media_size, int64_t part_size, S3Parts& parts);

}  // namespace lectern
