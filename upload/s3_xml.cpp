#include "s3_xml.h"

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <sstream>
#include <string_view>

namespace lectern {
namespace {

// A whole number in an S3 answer; nullopt when the server sent something else.
std::optional<int64_t> number(const char* text) {
    int64_t value = 0;
    std::string_view t(text);
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size() || t.empty()) return std::nullopt;
    return value;
}

}  // namespace

std::string s3_complete_request(const S3Parts& parts) {
    pugi::xml_document xml;
    pugi::xml_node complete = xml.append_child("CompleteMultipartUpload");
    for (const auto& [n, etag] : parts) {
        pugi::xml_node part = complete.append_child("Part");
        part.append_child("PartNumber").text().set(n);
        part.append_child("ETag").text().set(etag.c_str());
    }
    std::ostringstream out;
    xml.save(out, "", pugi::format_raw | pugi::format_no_declaration);
    return out.str();
}

bool s3_error_answer(const std::string& body) {
    pugi::xml_document answer;
    return answer.load_string(body.c_str()) && answer.child("Error");
}

std::string s3_upload_id(const std::string& initiate_answer) {
    pugi::xml_document answer;
    answer.load_string(initiate_answer.c_str());
    return answer.child("InitiateMultipartUploadResult").child_value("UploadId");
}

std::string s3_completed_etag(const std::string& complete_answer) {
    pugi::xml_document answer;
    answer.load_string(complete_answer.c_str());
    return answer.child("CompleteMultipartUploadResult").child_value("ETag");
}

tl::expected<void, UploadError> s3_listed_parts(const std::string& body, int64_t media_size, int64_t part_size, S3Parts& parts) {
    pugi::xml_document doc;
    if (!doc.load_string(body.c_str()))
        return tl::unexpected(UploadError{true, "the S3 server's list of uploaded parts is not XML; will retry"});
    for (pugi::xml_node part : doc.child("ListPartsResult").children("Part")) {
        auto n = number(part.child_value("PartNumber"));
        auto size = number(part.child_value("Size"));
        if (!n || !size || *n < 1 || *n > 10000)
            return tl::unexpected(UploadError{true, "the S3 server listed a part without a valid number or size; will retry"});
        int64_t want = std::min(part_size, media_size - (*n - 1) * part_size);
        std::string etag = part.child_value("ETag");
        if (*size == want && !etag.empty()) parts[static_cast<int>(*n)] = etag;
    }
    return {};
}

}  // namespace lectern
