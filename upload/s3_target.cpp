// S3-compatible target with libcurl's built-in Signature V4. Files up to one part go in one PUT;
// larger ones use multipart upload, saving the upload id and each confirmed part in the queue so
// that after a restart only the missing parts are sent (the server's ListParts is the truth where
// it exists; s3rver has none, then the parts the queue saved are used).
// Verification: HEAD gives the size, the x-amz-meta-sha256 stored with the object and the ETag the
// server computed (s3_etag.h): checksum grade; a server with other ETags gets the object read back.
// A different object already at the key is never replaced (remote_name.h). Credentials that may
// write but not read (HEAD answers 403): the object is put with If-None-Match: * (S3 refuses with
// 412 when the key is taken: the next name) and graded by the ETag in S3's answer to the upload.
#include "http_target.h"
#include "s3_etag.h"
#include "s3_xml.h"
#include "secrets.h"
#include "sha256.h"

#include <nlohmann/json.hpp>

#include <set>

namespace lectern {
namespace {

// Header values must be printable ASCII: names such as 李伟 travel percent-encoded by curl, the
// rest stays readable ("Hall A").
std::string header_safe(const std::string& v) {
    std::string out;
    for (char c : v) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f && c != '%') {
            out += c;
            continue;
        }
        CurlText escaped(curl_easy_escape(nullptr, &c, 1));
        out += escaped ? escaped.get() : "%3F";
    }
    return out;
}

struct Multipart {
    std::string upload_id;
    S3Parts etags;
};

HttpAuth sigv4_auth(const UploadTargetConfig& c, const TargetSecret& s) {
    HttpAuth auth;
    auth.kind = HttpAuth::Kind::SigV4;
    auth.sigv4 = "aws:amz:" + c.region + ":s3";
    auth.user = s.user;
    auth.password = s.password;
    return auth;
}

class S3Target final : public HttpTarget {
public:
    S3Target(const UploadTargetConfig& c, const TargetSecret& s)
        : HttpTarget(c, sigv4_auth(c, s)), secret_(s), bucket_url_(base_ + "/" + c.bucket), part_size_(c.part_size_kib * 1024) {}

    UploadResult upload(UploadAttempt& a) override {
        if (!secret_.present())
            return tl::unexpected(UploadError{false, "no S3 key for target \"" + config_.name + "\": set " +
                                                     secret_env_prefix(config_.secret.empty() ? config_.name : config_.secret) +
                                                     "_USER and _PASSWORD or add it to the secrets file"});
        // S3 allows at most 10,000 parts: a very long recording gets larger parts.
        part_size_ = std::max(part_size_, (a.media_size + 9999) / 10000);
        const std::string wanted = a.remote_key;
        std::set<std::string> taken;  // names a conditional upload found occupied
        std::string url;
        for (;;) {
            a.remote_key = wanted;
            auto there = claim_remote_name(a, [&](const std::string& key) -> tl::expected<RemoteCopy, UploadError> {
                if (taken.count(key)) return RemoteCopy::Different;
                return probe(a, object_url(key + a.media_extension));
            });
            if (!there) return tl::unexpected(there.error());
            url = object_url(a.remote_key + a.media_extension);
            if (*there) break;  // an earlier attempt completed it and ended before done: verify it
            UploadResult sent = a.media_size <= part_size_ ? put_whole(a, url) : put_multipart(a, url);
            if (sent) break;
            if (!occupied_) return sent;
            occupied_ = false;
            taken.insert(a.remote_key);
        }
        a.verifying();
        if (auto v = verify(a, url); !v) return v;
        HttpRequest side = request("PUT", object_url(a.remote_key + ".json"), a.sidecar.raw_json);
        side.headers.push_back("Content-Type: application/json");
        HttpResponse r = http_perform(side);
        if (!r.ok()) return tl::unexpected(http_error("uploading the sidecar", side.url, r));
        return {};
    }

private:
    // payload: the body for small requests, signed by its hash; file bodies are UNSIGNED-PAYLOAD
    // (the bytes are checked after upload instead, and TLS protects them on the way).
    HttpRequest request(const std::string& method, const std::string& url, const std::string& payload = {}) const {
        HttpRequest rq = HttpTarget::request(method, url);
        rq.body = payload;
        rq.headers.push_back("x-amz-content-sha256: " + sha256_hex(payload));
        return rq;
    }

    HttpRequest file_request(const std::string& url, UploadAttempt& a, int64_t offset, int64_t length,
                             int64_t progress_base) const {
        HttpRequest rq = request("PUT", url);
        rq.headers.back() = "x-amz-content-sha256: UNSIGNED-PAYLOAD";
        rq.file_path = a.media_path;
        rq.file_offset = offset;
        rq.file_length = length;
        rq.limiter = a.limiter;
        rq.on_sent = [&a, progress_base](int64_t sent) { return a.progress(progress_base + sent); };
        return rq;
    }

    void add_metadata(HttpRequest& rq, const UploadAttempt& a) const {
        const Sidecar& s = a.sidecar;
        std::string speakers;
        for (const auto& sp : s.speakers) speakers += (speakers.empty() ? "" : "; ") + sp.name;
        // curl drops a header with an empty value, so empty fields are not sent (nor signed).
        auto meta = [&](const char* name, const std::string& value) {
            if (!value.empty()) rq.headers.push_back(std::string("x-amz-meta-") + name + ": " + header_safe(value));
        };
        meta("sha256", a.media_sha256);
        meta("event", s.event);
        meta("room", s.room);
        meta("item-id", s.item_id);
        meta("title", s.title);
        meta("speakers", speakers);
        meta("actual-start", s.actual_start);
        meta("kiosk-id", s.kiosk_id);
        rq.headers.push_back("Content-Type: " + std::string(a.media_extension == ".mp4" ? "video/mp4" : "video/x-matroska"));
    }

    UploadResult put_whole(UploadAttempt& a, const std::string& url) {
        HttpRequest rq = file_request(url, a, 0, a.media_size, 0);
        add_metadata(rq, a);
        if (blind_) rq.headers.push_back("If-None-Match: *");
        HttpResponse r = http_perform(rq);
        occupied_ = r.curl == CURLE_OK && r.status == 412;
        if (!r.ok()) return tl::unexpected(http_error("uploading the recording", url, r));
        answered_etag_ = r.header("etag");
        return {};
    }

    UploadResult put_multipart(UploadAttempt& a, const std::string& url) {
        Multipart mp;
        if (auto r = resume_or_create(a, url, mp); !r) return r;
        int parts = static_cast<int>((a.media_size + part_size_ - 1) / part_size_);
        for (int n = 1; n <= parts; ++n) {
            if (mp.etags.count(n)) continue;
            int64_t offset = (n - 1) * part_size_;
            int64_t length = std::min(part_size_, a.media_size - offset);
            std::string part_url = url + "?partNumber=" + std::to_string(n) + "&uploadId=" + mp.upload_id;
            HttpResponse r = http_perform(file_request(part_url, a, offset, length, confirmed_bytes(mp, a.media_size)));
            if (!r.ok()) {
                if (r.aborted && a.cancelled()) abort_upload(a, url, mp);
                return tl::unexpected(http_error("uploading part " + std::to_string(n) + " of " + std::to_string(parts), part_url, r));
            }
            std::string etag = r.header("etag");
            if (etag.empty()) return tl::unexpected(UploadError{true, "the server sent no ETag for part " + std::to_string(n) + "; will retry"});
            mp.etags[n] = etag;
            save(a, mp);
        }
        HttpRequest done = request("POST", url + "?uploadId=" + mp.upload_id, s3_complete_request(mp.etags));
        done.headers.push_back("Content-Type: application/xml");
        if (blind_) done.headers.push_back("If-None-Match: *");
        HttpResponse r = http_perform(done);
        if (r.curl == CURLE_OK && r.status == 412) {  // the key is taken: these parts go nowhere
            occupied_ = true;
            abort_upload(a, url, mp);
        }
        // S3 may answer 200 with an <Error> body when completion fails late.
        if (!r.ok() || s3_error_answer(r.body)) {
            if (r.ok()) r.status = 500;
            return tl::unexpected(http_error("completing the multipart upload", done.url, r));
        }
        answered_etag_ = s3_completed_etag(r.body);
        return {};
    }

    // A cancelled job's parts would otherwise be stored (and billed) until a lifecycle rule ends them.
    void abort_upload(UploadAttempt& a, const std::string& url, const Multipart& mp) {
        http_perform(request("DELETE", url + "?uploadId=" + mp.upload_id));
        a.save_resume("");
    }

    int64_t confirmed_bytes(const Multipart& mp, int64_t size) const {
        int64_t total = 0;
        for (const auto& [n, etag] : mp.etags) total += std::min(part_size_, size - (n - 1) * part_size_);
        return total;
    }

    void save(UploadAttempt& a, const Multipart& mp) {
        nlohmann::json j;
        j["upload_id"] = mp.upload_id;
        j["part_size"] = part_size_;
        for (const auto& [n, etag] : mp.etags) j["parts"][std::to_string(n)] = etag;
        a.save_resume(j.dump());
    }

    // An upload id from an earlier attempt is reused when the server still knows it; the parts
    // it lists (with the right size) are kept, the others are sent again.
    UploadResult resume_or_create(UploadAttempt& a, const std::string& url, Multipart& mp) {
        if (!a.resume.empty()) {
            auto j = nlohmann::json::parse(a.resume, nullptr, false);
            if (j.is_object() && j.value("part_size", int64_t{0}) == part_size_ && j.contains("upload_id")) {
                std::string id = j["upload_id"].get<std::string>();
                HttpResponse r = http_perform(request("GET", url + "?uploadId=" + id));
                if (r.ok()) {
                    mp.upload_id = id;
                    if (auto listed = s3_listed_parts(r.body, a.media_size, part_size_, mp.etags); !listed) return tl::unexpected(listed.error());
                    a.progress(confirmed_bytes(mp, a.media_size));
                    return {};
                }
                if (r.curl == CURLE_OK && (r.status == 405 || r.status == 501)) {
                    // No ListParts here (s3rver): the parts the queue saved were each confirmed by a
                    // 200 with an ETag, so they are a safe subset of what the server holds.
                    mp.upload_id = id;
                    if (j.contains("parts") && j["parts"].is_object())
                        for (const auto& [n, etag] : j["parts"].items()) mp.etags[std::stoi(n)] = etag.get<std::string>();
                    a.progress(confirmed_bytes(mp, a.media_size));
                    return {};
                }
                if (r.curl != CURLE_OK || r.status >= 500) return tl::unexpected(http_error("listing uploaded parts", url, r));
                // NoSuchUpload: the server dropped it (expired or aborted); start again.
            }
        }
        HttpRequest create = request("POST", url + "?uploads=");
        add_metadata(create, a);
        HttpResponse r = http_perform(create);
        if (!r.ok()) return tl::unexpected(http_error("starting the multipart upload", url, r));
        mp.upload_id = s3_upload_id(r.body);
        if (mp.upload_id.empty()) return tl::unexpected(UploadError{true, "the server sent no UploadId at " + redact_url(url) + "; will retry"});
        save(a, mp);
        return {};
    }

    std::string object_url(const std::string& key) const { return bucket_url_ + "/" + url_path(key); }

    tl::expected<RemoteCopy, UploadError> probe(const UploadAttempt& a, const std::string& url) {
        HttpResponse head = http_perform(request("HEAD", url));
        if (head.curl == CURLE_OK && head.status == 403) {  // no right to read (or a wrong key: the upload will say)
            blind_ = true;
            return RemoteCopy::Unknown;
        }
        return remote_copy(head, url, a.media_size, [&]() -> tl::expected<RemoteCopy, UploadError> {
            std::string sha = head.header("x-amz-meta-sha256");
            if (sha.empty()) {  // not put there by Lectern: read it back
                auto hash = read_back_sha256(request("GET", url));
                if (!hash) return tl::unexpected(hash.error());
                sha = *hash;
            }
            return sha == a.media_sha256 ? RemoteCopy::Same : RemoteCopy::Different;
        });
    }

    UploadResult verify(UploadAttempt& a, const std::string& url) {
        HttpResponse head = http_perform(request("HEAD", url));
        if (blind_ && head.curl == CURLE_OK && head.status == 403) return grade_by_answer(a);
        if (!head.ok()) return tl::unexpected(http_error("checking the uploaded recording", url, head));
        if (head.header("content-length") != std::to_string(a.media_size))
            return tl::unexpected(UploadError{true, "the object at " + redact_url(url) + " has " + head.header("content-length") +
                                                    " bytes, the recording " + std::to_string(a.media_size) + "; will upload again"});
        if (head.header("x-amz-meta-sha256") != a.media_sha256)
            return tl::unexpected(UploadError{true, "the object at " + redact_url(url) + " lacks the recording's SHA-256 metadata; will upload again"});
        auto same = s3_etag_matches(a.media_path, a.media_size, head.header("etag"), part_size_);
        if (!same) return tl::unexpected(same.error());
        if (!*same) {  // not an MD5 ETag (KMS encryption, another scheme): read it back
            auto hash = read_back_sha256(request("GET", url));
            if (!hash) return tl::unexpected(hash.error());
            if (*hash != a.media_sha256) {
                http_perform(request("DELETE", url));  // ours, and wrong: free the name for the next attempt
                return tl::unexpected(UploadError{true, "the object at " + redact_url(url) + " differs from the recording (SHA-256); will upload again"});
            }
        }
        a.grade = VerifyGrade::Checksum;
        return {};
    }

    // Write-only credentials: S3's answer to the upload carried the ETag it computed. Equal to the
    // file's: checksum grade. Another scheme (KMS): only "accepted", and retention keeps the file.
    UploadResult grade_by_answer(UploadAttempt& a) const {
        auto same = s3_etag_matches(a.media_path, a.media_size, answered_etag_, part_size_);
        if (!same) return tl::unexpected(same.error());
        a.grade = *same ? VerifyGrade::Checksum : VerifyGrade::Accepted;
        return {};
    }

    TargetSecret secret_;
    bool blind_ = false;         // HEAD was refused: upload conditionally, grade by the upload's answer
    bool occupied_ = false;      // the last conditional upload found the key taken (412)
    std::string answered_etag_;  // the ETag in the answer to the PUT or the completion
    std::string bucket_url_;  // path style: url/bucket
    int64_t part_size_;
};

}  // namespace

std::unique_ptr<UploadTarget> make_s3_target(const UploadTargetConfig& c, const TargetSecret& s) {
    return std::make_unique<S3Target>(c, s);
}

}  // namespace lectern
