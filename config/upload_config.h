// Upload settings: where finished recordings go ([[upload.targets]]), how hard the uploader may push
// (parallelism, bandwidth caps, retries) and what happens to local copies once a target has them.
// Secrets never live here: a target names a secret, resolved from the environment or secrets_file.
#pragma once

#include "home_path.h"  // expand_home, for the paths set here

#include <cstdint>
#include <string>
#include <vector>

namespace lectern {

class TableReader;

struct UploadTargetConfig {
    std::string name;                 // shown in the uploads panel, used in the queue
    std::string kind;                 // folder | webdav | s3 | tus | opencast
    // Remote name of a recording, without extension; made safe for the target.
    std::string key_template = "{event}/{date}/{room}/{time}-{speaker}";
    std::string path;                 // folder: destination directory ("~" = $HOME)
    std::string url;                  // webdav base URL, S3 endpoint, tus endpoint, Opencast base URL
    std::string bucket;               // s3
    std::string region = "us-east-1";  // s3
    int64_t part_size_kib = 8192;     // s3 multipart part size; files up to one part go in one PUT
    std::string secret;               // secret name; "" = the target's name; "none" = anonymous
    std::string auth = "basic";       // webdav/opencast: basic | digest
    std::string workflow = "schedule-and-upload";  // opencast workflow definition id
    bool verify_tls = true;           // never turn off outside a lab
    std::string ca_file;              // extra CA bundle for a private PKI
    bool readback_sha256 = true;      // webdav: GET the object back and hash it (checksum grade)
    bool allow_insecure_http = false;  // send a Basic password over plain http:// (a lab only)
    int stall_timeout_s = 60;         // abort a transfer that moves no byte for this long (then retry)
};

struct UploadConfig {
    std::vector<UploadTargetConfig> targets = {default_archive_target()};
    int parallel = 2;                   // jobs uploading at once
    int64_t max_kib_per_s = 0;          // cap for all uploads together; 0 = none
    int64_t recording_max_kib_per_s = 2048;  // cap while a recording runs; 0 = none
    int max_attempts = 12;              // attempts before a job is marked failed
    int retry_initial_s = 5;            // first backoff; doubles each attempt, with jitter
    int retry_max_s = 900;              // backoff ceiling
    int keep_days = 0;                  // delete verified local copies older than this; 0 = keep
    int keep_free_gib = 0;              // delete oldest verified local copies below this free space; 0 = off
    std::string queue_db = "~/Lectern/uploads.db";
    std::string secrets_file;           // TOML, mode 0600; "" = environment only

    static UploadTargetConfig default_archive_target();
};

// True when a URL carries a user or password (curl_url finds the user info; an '@' it cannot
// place counts too): such URLs are refused, credentials belong in the secrets file.
bool url_holds_credentials(const std::string& url);

// Reads [upload]; an absent [[upload.targets]] keeps the local archive default.
void read_upload(TableReader r, UploadConfig& c);

}  // namespace lectern
