// tus 1.0 target (creation, PATCH in chunks, HEAD for the offset): the upload URL is saved in the
// queue, so after a restart a HEAD tells how far the server got and only the rest is sent.
#include "encoding.h"
#include "http_target.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <optional>

namespace lectern {
namespace {

// An Upload-Offset header as a number; nullopt when the server sent something else.
std::optional<int64_t> offset_value(const std::string& text) {
    int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

UploadError garbled_offset(const std::string& text) {
    return {true, "the tus server sent an Upload-Offset that is not a number (\"" + text.substr(0, 40) + "\"); will retry"};
}

class TusTarget final : public HttpTarget {
public:
    TusTarget(const UploadTargetConfig& c, const TargetSecret& s)
        : HttpTarget(c, password_auth(c, s)), endpoint_(c.url), chunk_(c.part_size_kib * 1024) {}

    UploadResult upload(UploadAttempt& a) override {
        std::string url;
        int64_t offset = 0;
        if (!a.resume.empty()) {
            auto j = nlohmann::json::parse(a.resume, nullptr, false);
            if (j.is_object() && j.contains("url")) {
                std::string saved = j["url"].get<std::string>();
                HttpResponse head = http_perform(request("HEAD", saved));
                if (head.ok() && !head.header("upload-offset").empty()) {
                    auto at = offset_value(head.header("upload-offset"));
                    if (!at) return tl::unexpected(garbled_offset(head.header("upload-offset")));
                    url = saved;
                    offset = *at;
                    a.progress(offset);
                } else if (head.curl != CURLE_OK || head.status >= 500) {
                    return tl::unexpected(http_error("asking the tus server how far it got", saved, head));
                }  // 404/410: the server forgot the upload; create a new one
            }
        }
        if (url.empty()) {
            auto created = create(a, a.media_size, a.remote_key + a.media_extension, true);
            if (!created) return tl::unexpected(created.error());
            url = *created;
            a.save_resume(nlohmann::json{{"url", url}}.dump());
        }
        if (auto r = send(a, url, offset); !r) return r;
        a.verifying();
        HttpResponse head = http_perform(request("HEAD", url));
        if (!head.ok()) return tl::unexpected(http_error("checking the uploaded recording", url, head));
        if (head.header("upload-offset") != std::to_string(a.media_size))
            return tl::unexpected(UploadError{true, "the tus server holds " + head.header("upload-offset") + " of " +
                                                    std::to_string(a.media_size) + " bytes at " + redact_url(url) + "; will resume"});
        a.grade = VerifyGrade::Size;  // tus offers the offset only; its GET is no part of the protocol
        return send_sidecar(a);
    }

private:
    HttpRequest request(const std::string& method, const std::string& url) const {
        HttpRequest rq = HttpTarget::request(method, url);
        rq.headers.push_back("Tus-Resumable: 1.0.0");
        return rq;
    }

    tl::expected<std::string, UploadError> create(const UploadAttempt& a, int64_t length, const std::string& name, bool media) {
        HttpRequest rq = request("POST", endpoint_);
        rq.headers.push_back("Upload-Length: " + std::to_string(length));
        std::string meta = "filename " + base64(name) + ",key " + base64(name);
        if (media) {
            meta += ",sha256 " + base64(a.media_sha256) + ",filetype " + base64("video/x-matroska");
            if (!a.sidecar.event.empty()) meta += ",event " + base64(a.sidecar.event);
            if (!a.sidecar.room.empty()) meta += ",room " + base64(a.sidecar.room);
            if (!a.sidecar.title.empty()) meta += ",title " + base64(a.sidecar.title);
        } else {
            meta += ",filetype " + base64("application/json");
        }
        rq.headers.push_back("Upload-Metadata: " + meta);
        HttpResponse r = http_perform(rq);
        if (!r.ok()) return tl::unexpected(http_error("creating the tus upload", endpoint_, r));
        std::string location = r.header("location");
        if (location.empty()) return tl::unexpected(UploadError{true, "the tus server sent no Location at " + redact_url(endpoint_) + "; will retry"});
        std::string resolved = resolve_url(endpoint_, location);
        if (resolved.empty())
            return tl::unexpected(UploadError{true, "the tus server sent a Location that is no URL at " + redact_url(endpoint_) + "; will retry"});
        // The recording and the target's credentials go only where the target was configured to
        // send them: the endpoint's own origin, never from https down to http.
        if (!same_origin(endpoint_, resolved))
            return tl::unexpected(UploadError{false, "the tus server at " + redact_url(endpoint_) + " sent the upload to another server (" +
                                                     redact_url(resolved) + "); Lectern sends neither the recording nor the "
                                                     "credentials there: set the target's url to the server that stores uploads"});
        return resolved;
    }

    UploadResult send(UploadAttempt& a, const std::string& url, int64_t offset) {
        while (offset < a.media_size) {
            HttpRequest rq = request("PATCH", url);
            rq.headers.push_back("Content-Type: application/offset+octet-stream");
            rq.headers.push_back("Upload-Offset: " + std::to_string(offset));
            rq.file_path = a.media_path;
            rq.file_offset = offset;
            rq.file_length = std::min(chunk_, a.media_size - offset);
            rq.limiter = a.limiter;
            int64_t base = offset;
            rq.on_sent = [&a, base](int64_t sent) { return a.progress(base + sent); };
            HttpResponse r = http_perform(rq);
            if (!r.ok()) {
                auto e = http_error("sending bytes from " + std::to_string(offset), url, r);
                if (r.status == 409) e.message += " (offset mismatch)";
                return tl::unexpected(e);
            }
            std::string next = r.header("upload-offset");
            if (next.empty()) return tl::unexpected(UploadError{true, "the tus server sent no Upload-Offset; will retry"});
            auto at = offset_value(next);
            if (!at) return tl::unexpected(garbled_offset(next));
            // A PATCH that moved nothing would be sent again forever.
            if (*at <= offset)
                return tl::unexpected(UploadError{true, "the tus server took no bytes at offset " + std::to_string(offset) + " of " +
                                                        redact_url(url) + "; will retry"});
            offset = *at;
        }
        return {};
    }

    UploadResult send_sidecar(UploadAttempt& a) {
        const std::string& text = a.sidecar.raw_json;
        auto created = create(a, static_cast<int64_t>(text.size()), a.remote_key + ".json", false);
        if (!created) return tl::unexpected(created.error());
        HttpRequest rq = request("PATCH", *created);
        rq.headers.push_back("Content-Type: application/offset+octet-stream");
        rq.headers.push_back("Upload-Offset: 0");
        rq.body = text;
        HttpResponse r = http_perform(rq);
        if (!r.ok()) return tl::unexpected(http_error("uploading the sidecar", *created, r));
        return {};
    }

    std::string endpoint_;  // as configured: the creation URL may end in '/'
    int64_t chunk_;
};

}  // namespace

std::unique_ptr<UploadTarget> make_tus_target(const UploadTargetConfig& c, const TargetSecret& s) {
    return std::make_unique<TusTarget>(c, s);
}

}  // namespace lectern
