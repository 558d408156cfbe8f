// tus against the reference server (@tus/server + @tus/file-store).
#include "server_test_util.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace lectern;
using namespace lectern::test;
namespace fs = std::filesystem;

namespace {
// The uploads the file store holds: id → its metadata JSON (the store writes <id>.json beside <id>).
std::map<std::string, nlohmann::json> stored_uploads(const TusServer& tus) {
    std::map<std::string, nlohmann::json> out;
    for (const auto& e : fs::directory_iterator(tus.store))
        if (e.path().extension() == ".json") out[e.path().stem().string()] = nlohmann::json::parse(read_file(e.path().string()));
    return out;
}
std::string upload_id_of(const std::map<std::string, nlohmann::json>& uploads, const std::string& filename_suffix) {
    for (const auto& [id, info] : uploads) {
        std::string name = info["metadata"].value("filename", "");
        if (name.size() >= filename_suffix.size() && name.compare(name.size() - filename_suffix.size(), filename_suffix.size(), filename_suffix) == 0)
            return id;
    }
    return "";
}
}  // namespace

TEST_CASE("a recording sent with tus reads back byte for byte with its metadata, and its sidecar too") {
    TusServer tus;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 1024 * 1024 + 99);
    UploadTargetConfig t;
    t.name = "tus";
    t.kind = "tus";
    t.url = tus.url;
    t.part_size_kib = 256;
    auto job = upload_once(dir / "q.db", one_target(t), rec, Secrets{});
    CHECK(job.state == JobState::Done);
    CHECK(job.verified == VerifyGrade::Size);  // tus confirms the offset only

    auto uploads = stored_uploads(tus);
    REQUIRE(uploads.size() == 2);
    std::string media = upload_id_of(uploads, ".mkv");
    std::string side = upload_id_of(uploads, ".json");
    REQUIRE(!media.empty());
    REQUIRE(!side.empty());
    CHECK(uploads[media]["metadata"]["sha256"] == rec.sha256);
    CHECK(uploads[media]["metadata"]["event"] == "BJAST 2026");
    // Read back over HTTP with the curl CLI, an independent client.
    REQUIRE(run({"curl", "-sf", "-o", dir / "back.mkv", tus.url + media}) == 0);
    CHECK(sha256_of(dir / "back.mkv") == rec.sha256);
    CHECK(read_file(tus.store + "/" + side) == read_file(rec.sidecar));
}

TEST_CASE("kill -9 during a tus upload: after restart it continues from the server's offset") {
    TusServer tus;
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 16 * 256 * 1024);
    std::string target = "name = \"tus\"\nkind = \"tus\"\nurl = \"" + tus.url + "\"\npart_size_kib = 256";
    std::string slow = write_config(dir, "slow.toml", "max_kib_per_s = 1024", target);
    std::string fast = write_config(dir, "fast.toml", "", target);
    std::string tool = bin_dir() + "/lectern-uploads";
    REQUIRE(run({tool, "add", rec.media, rec.sidecar, "--config", slow}) == 0);
    std::string log_file = tus.dir / "tus.log";
    {
        ChildProcess uploader({tool, "run", "--config", slow}, {}, dir / "run1.log");
        // The server logs a PATCH when it starts; at 1 MiB/s a 256 KiB chunk takes 250 ms, so the
        // kill lands inside the seventh chunk with six confirmed.
        REQUIRE(wait_until([&] { return count_of(read_file(log_file), "PATCH") >= 7; }, 30));
        uploader.kill9();
    }
    auto q = UploadQueue::open(dir / "q.db");
    auto saved = nlohmann::json::parse(q->job(1)->resume);
    std::string url = saved["url"];
    std::string head;
    REQUIRE(run({"curl", "-sI", "-H", "Tus-Resumable: 1.0.0", url}, &head) == 0);
    auto at = head.find("Upload-Offset: ");
    if (at == std::string::npos) at = head.find("upload-offset: ");
    REQUIRE(at != std::string::npos);
    int64_t offset = std::stoll(head.substr(at + 15));
    CHECK(offset >= 5 * 256 * 1024);
    CHECK(offset < rec.size);
    std::string before = read_file(log_file);

    CHECK(run({tool, "run", "--once", "--config", fast}) == 0);
    CHECK(q->view().jobs.at(0).state == JobState::Done);
    std::string after = read_file(log_file).substr(before.size());
    // The restart asked for the offset and went on from it: no new upload for the recording.
    CHECK(after.find("PATCH " + url.substr(url.find("/files/")) + " offset=" + std::to_string(offset) + " ") != std::string::npos);
    CHECK(count_of(after, "offset=0 ") == 1);   // only the sidecar starts at zero
    CHECK(count_of(after, "POST /files/") == 1);  // the sidecar's upload, not a second recording
    auto uploads = stored_uploads(tus);
    CHECK(uploads.size() == 2);  // one recording, one sidecar: no duplicate
    std::string media = upload_id_of(uploads, ".mkv");
    REQUIRE(!media.empty());
    CHECK(sha256_of(tus.store + "/" + media) == rec.sha256);
}
