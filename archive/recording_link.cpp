#include "recording_link.h"

#include "c_deleter.h"
#include "lectern_config.h"

#include <curl/curl.h>
#include <qrencode.h>

#include <filesystem>
#include <memory>
#include <stdexcept>

namespace lectern {
namespace {

using CurlUrl = std::unique_ptr<CURLU, CDeleter<curl_url_cleanup>>;

std::string trim_slash(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

// "<page_url>/recordings.html?q=<title>", the query encoded by libcurl's URL API.
std::optional<std::string> page_link(const std::string& page_url, const std::string& words) {
    CurlUrl url(curl_url());
    if (!url || curl_url_set(url.get(), CURLUPART_URL, (trim_slash(page_url) + "/recordings.html").c_str(), 0) != CURLUE_OK) return std::nullopt;
    if (curl_url_set(url.get(), CURLUPART_QUERY, ("q=" + words).c_str(), CURLU_URLENCODE | CURLU_APPENDQUERY) != CURLUE_OK) return std::nullopt;
    char* text = nullptr;
    if (curl_url_get(url.get(), CURLUPART_URL, &text, 0) != CURLUE_OK) return std::nullopt;
    std::string out = text;
    curl_free(text);
    return out;
}

// The page's search for this recording: its title's first words (every word must match, so a few
// find it; more would only make the QR code denser), else its file name.
std::string search_words(const Recording& r) {
    if (r.title.empty()) return r.file;
    std::string words;
    int count = 0;
    for (size_t i = 0; i < r.title.size() && count < 6;) {
        const size_t end = std::min(r.title.find(' ', i), r.title.size());
        if (end > i) words += (count++ ? " " : "") + r.title.substr(i, end - i);
        i = end + 1;
    }
    return words;
}

// A finished upload that a browser can fetch: WebDAV's base URL or S3's endpoint and bucket, plus the key.
std::optional<RecordingLink> upload_link(const Recording& r, const LecternConfig& config) {
    const std::string ext = std::filesystem::path(r.file).extension().string();
    for (const auto& u : r.uploads) {
        if (u.state != "done" || u.location.empty()) continue;
        for (const auto& t : config.upload.targets) {
            if (t.name != u.target || t.url.empty()) continue;
            if (t.kind == "webdav") return RecordingLink{trim_slash(t.url) + "/" + u.location + ext, "uploaded to " + t.name};
            if (t.kind == "s3") return RecordingLink{trim_slash(t.url) + "/" + t.bucket + "/" + u.location + ext, "uploaded to " + t.name};
        }
    }
    return std::nullopt;
}

}  // namespace

const char* const why_no_link = "No link: set [archive] page_url (the staff page's address) or upload to WebDAV or S3.";

std::optional<RecordingLink> recording_link(const Recording& r, const LecternConfig& config) {
    if (!config.archive.page_url.empty())
        if (auto url = page_link(config.archive.page_url, search_words(r))) return RecordingLink{*url, "on the staff page"};
    return upload_link(r, config);
}

QrCode make_qr_code(const std::string& text) {
    // Version 0: the smallest that holds the text; 8-bit mode keeps URLs byte for byte.
    std::unique_ptr<QRcode, CDeleter<QRcode_free>> code(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M));
    if (!code) throw std::runtime_error("cannot make a QR code of a " + std::to_string(text.size()) + "-byte link (too long for a QR code)");
    QrCode qr;
    qr.size = code->width;
    qr.modules.resize(static_cast<size_t>(qr.size) * qr.size);
    for (size_t i = 0; i < qr.modules.size(); ++i) qr.modules[i] = code->data[i] & 1;  // bit 0: dark module
    return qr;
}

}  // namespace lectern
