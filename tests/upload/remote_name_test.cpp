// Remote names from the key template: Unicode kept, one name per agenda item, no two values
// sharing a name, every part within a file system's 255 bytes; the folder target never replaces
// a different file. No server needed.
#include "server_test_util.h"
#include "sidecar.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <sstream>

using namespace lectern;
using namespace lectern::test;
namespace fs = std::filesystem;

namespace {
const std::string kTemplate = "{event}/{date}/{room}/{time}-{speaker}";

Sidecar sidecar(const std::string& room, const std::string& speaker, const std::string& item_id) {
    Sidecar s;
    s.event = "BJAST 2026";
    s.room = room;
    s.item_id = item_id;
    s.title = "Opening";
    s.speakers = {{speaker, "", ""}};
    s.actual_start = "2026-11-25T09:01:12+08:00";
    return s;
}

std::vector<std::string> parts(const std::string& key) {
    std::vector<std::string> out;
    std::stringstream in(key);
    for (std::string p; std::getline(in, p, '/');) out.push_back(p);
    return out;
}

bool valid_utf8(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        unsigned char c = s[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}
}  // namespace

TEST_CASE("the key template gives safe remote names from the sidecar") {
    TempDir dir;
    Sidecar s = read_sidecar(make_recording(dir.path, "talk", 10).sidecar);
    CHECK(expand_key_template(kTemplate, s) == "BJAST 2026/2026-11-25/Hall A/090112-Li Wei-k1");
    CHECK(parts(expand_key_template("{title}", s)).size() == 1);          // the '/' adds no folder
    CHECK(expand_key_template("../{room}/{item_id}", s) == "Hall A/k1");  // no way out of the target
}

TEST_CASE("rooms and speakers in Chinese keep their names, and two rooms starting in the same second get distinct keys") {
    std::string hall = expand_key_template(kTemplate, sidecar("大厅", "王伟", "t-101"));
    std::string meeting = expand_key_template(kTemplate, sidecar("会议室", "王伟", "t-201"));
    CHECK(hall == "BJAST 2026/2026-11-25/大厅/090112-王伟-t-101");
    CHECK(meeting == "BJAST 2026/2026-11-25/会议室/090112-王伟-t-201");
    // One room, one speaker twice in the same second (a split undone and redone): the item differs.
    CHECK(expand_key_template(kTemplate, sidecar("大厅", "王伟", "t-102")) != hall);
}

TEST_CASE("\"Hall A\", \"Hall-A\" and \"Hall:A\" never share a folder") {
    std::string a = parts(expand_key_template(kTemplate, sidecar("Hall A", "Li Wei", "k1"))).at(2);
    std::string b = parts(expand_key_template(kTemplate, sidecar("Hall-A", "Li Wei", "k1"))).at(2);
    std::string c = parts(expand_key_template(kTemplate, sidecar("Hall:A", "Li Wei", "k1"))).at(2);
    CHECK(a == "Hall A");
    CHECK(b == "Hall-A");
    CHECK(c != b);
    CHECK(c.rfind("Hall-A~", 0) == 0);  // readable, and marked as changed
    CHECK(c.find(':') == std::string::npos);
}

TEST_CASE("a 300-character title gives name parts within 255 bytes, cut on a character boundary, still distinct") {
    std::string long_title;
    while (long_title.size() < 900) long_title += "城市更新与可持续发展";  // 3 bytes a character
    Sidecar s = sidecar("大厅", "", "t-1");
    s.speakers.clear();
    s.title = long_title;
    Sidecar other = s;
    other.title = long_title + "二";
    other.item_id = "t-2";
    for (const std::string& tmpl : {kTemplate, std::string("{title}/{title}-{item_id}")}) {
        std::string key = expand_key_template(tmpl, s);
        for (const auto& p : parts(key)) {
            CHECK(p.size() + std::string("~9.json.part").size() <= 255);
            CHECK(valid_utf8(p));
        }
        CHECK(key != expand_key_template(tmpl, other));
    }
    CHECK(utf8_prefix_bytes("大厅", 4) == 3);
    CHECK(utf8_prefix_bytes("ab", 5) == 2);
}

TEST_CASE("a recording with a 300-character Chinese title reaches the folder archive at the first attempt") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 4096);
    std::string title;
    while (title.size() < 900) title += "城市更新与可持续发展";  // 300 characters, 900 bytes
    edit_sidecar(rec, "title", "\"" + title + "\"");
    UploadConfig config = folder_config(dir / "archive");
    config.targets[0].key_template = "{event}/{title}";
    config.max_attempts = 3;
    auto j = upload_once(dir / "q.db", config, rec, Secrets{});
    CHECK(j.state == JobState::Done);
    CHECK(j.attempts == 1);
    CHECK(j.last_error == "");
    CHECK(sha256_of(dir / "archive/" + j.remote_key + ".mkv") == rec.sha256);
}

TEST_CASE("a folder name the file system refuses as too long fails the job at once, naming the fix") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 4096);
    UploadConfig config = folder_config(dir / std::string(300, 'x'));  // the configured path itself
    config.max_attempts = 5;
    auto j = upload_once(dir / "q.db", config, rec, Secrets{});
    CHECK(j.state == JobState::Failed);
    CHECK(j.attempts == 1);  // a permanent error is not retried
    CHECK(j.last_error.find("File name too long") != std::string::npos);
    CHECK(j.last_error.find("shorten") != std::string::npos);
}

TEST_CASE("a different file at the archive's name is kept, the recording goes beside it, and a second run copies nothing") {
    TempDir dir;
    auto rec = make_recording(dir.path, "talk", 100000);
    std::string taken = dir / "archive/" + kRecordingKey + ".mkv";
    fs::create_directories(fs::path(taken).parent_path());
    write_file(taken, std::string(100000, 'x'));  // same size, other bytes
    UploadConfig config = folder_config(dir / "archive");
    auto j = upload_once(dir / "q.db", config, rec, Secrets{});
    CHECK(j.state == JobState::Done);
    CHECK(j.remote_key == kRecordingKey + "~2");
    CHECK(read_file(taken) == std::string(100000, 'x'));
    std::string ours = dir / "archive/" + kRecordingKey + "~2.mkv";
    CHECK(sha256_of(ours) == rec.sha256);

    struct stat before {};
    REQUIRE(::stat(ours.c_str(), &before) == 0);
    auto again = upload_once(dir / "q2.db", config, rec, Secrets{});  // a queue that lost its record of the upload
    CHECK(again.state == JobState::Done);
    CHECK(again.remote_key == kRecordingKey + "~2");
    struct stat after {};
    REQUIRE(::stat(ours.c_str(), &after) == 0);
    CHECK(after.st_ino == before.st_ino);  // found and checked, not copied again
    CHECK_FALSE(fs::exists(dir / "archive/" + kRecordingKey + "~3.mkv"));
}
