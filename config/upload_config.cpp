#include "upload_config.h"

#include "toml_reader.h"

#include <curl/curl.h>

#include <memory>

namespace lectern {

UploadTargetConfig UploadConfig::default_archive_target() {
    UploadTargetConfig t;
    t.name = "local-archive";
    t.kind = "folder";
    // Under the user's home so a fresh user on any working directory finds it in one place.
    t.path = "~/Lectern/archive";
    return t;
}

bool url_holds_credentials(const std::string& url) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
    if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
        return url.substr(0, url.find('?')).find('@') != std::string::npos;
    for (CURLUPart part : {CURLUPART_USER, CURLUPART_PASSWORD}) {
        char* text = nullptr;
        if (curl_url_get(u.get(), part, &text, 0) == CURLUE_OK) {
            curl_free(text);
            return true;
        }
    }
    return false;
}

namespace {

void read_target(TableReader& r, UploadTargetConfig& t) {
    t.name = r.text("name", "", true);
    t.kind = r.choice("kind", "folder", {"folder", "webdav", "s3", "tus", "opencast"});
    t.key_template = r.text("key_template", t.key_template);
    if (t.key_template.empty()) r.problem("key_template", "must not be empty, e.g. \"{event}/{date}/{room}/{time}-{speaker}\"");
    t.path = r.text("path", t.path);
    t.url = r.text("url", t.url);
    t.bucket = r.text("bucket", t.bucket);
    t.region = r.text("region", t.region);
    t.part_size_kib = r.integer("part_size_kib", t.part_size_kib, 64, 5 * 1024 * 1024);
    t.secret = r.text("secret", t.secret);
    t.auth = r.choice("auth", t.auth, {"basic", "digest"});
    t.workflow = r.text("workflow", t.workflow);
    t.verify_tls = r.boolean("verify_tls", t.verify_tls);
    t.ca_file = r.text("ca_file", t.ca_file);
    t.readback_sha256 = r.boolean("readback_sha256", t.readback_sha256);
    t.allow_insecure_http = r.boolean("allow_insecure_http", t.allow_insecure_http);
    t.stall_timeout_s = static_cast<int>(r.integer("stall_timeout_s", t.stall_timeout_s, 1, 3600));
    if (t.kind == "folder" && t.path.empty()) r.problem("path", "a folder target needs path = \"/mnt/nas/lectern\"");
    if (t.kind != "folder" && t.url.empty())
        r.problem("url", "a " + t.kind + " target needs url = \"https://…\"");
    if (t.kind == "s3" && t.bucket.empty()) r.problem("bucket", "an s3 target needs bucket = \"recordings\"");
    if (url_holds_credentials(t.url))
        r.problem("url", "must not hold a user or password; put them in the secrets file or environment");
}

}  // namespace

void read_upload(TableReader r, UploadConfig& c) {
    std::vector<UploadTargetConfig> targets;
    r.each_table("targets", [&](TableReader& t) {
        UploadTargetConfig target;
        read_target(t, target);
        for (const auto& other : targets)
            if (other.name == target.name && !target.name.empty())
                t.problem("name", "\"" + target.name + "\" is used by another target; names must be unique");
        targets.push_back(std::move(target));
    });
    if (!targets.empty()) c.targets = std::move(targets);
    c.parallel = static_cast<int>(r.integer("parallel", c.parallel, 1, 16));
    c.max_kib_per_s = r.integer("max_kib_per_s", c.max_kib_per_s, 0, 10'000'000);
    c.recording_max_kib_per_s = r.integer("recording_max_kib_per_s", c.recording_max_kib_per_s, 0, 10'000'000);
    c.max_attempts = static_cast<int>(r.integer("max_attempts", c.max_attempts, 1, 1000));
    c.retry_initial_s = static_cast<int>(r.integer("retry_initial_s", c.retry_initial_s, 0, 3600));
    c.retry_max_s = static_cast<int>(r.integer("retry_max_s", c.retry_max_s, 1, 86400));
    c.keep_days = static_cast<int>(r.integer("keep_days", c.keep_days, 0, 3650));
    c.keep_free_gib = static_cast<int>(r.integer("keep_free_gib", c.keep_free_gib, 0, 100000));
    c.queue_db = r.text("queue_db", c.queue_db);
    c.secrets_file = r.text("secrets_file", c.secrets_file);
    r.finish();
}

}  // namespace lectern
