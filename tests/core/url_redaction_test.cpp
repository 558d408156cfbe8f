// Every URL the project shows or logs goes through redact_url: these are the shapes of secrets it
// must remove (user info with '@', ':', '%40', non-ASCII; query tokens and signatures).
#include "url_redaction.h"

#include <doctest/doctest.h>

#include <string>

using lectern::redact_url;

namespace {

// No part of the secret survives: neither whole nor a piece of 2 or more characters split at an
// '@', ':' or '/' that a naive parser would cut at.
void check_hides(const std::string& url, const std::string& secret, const std::string& shown) {
    CAPTURE(url);
    std::string out = redact_url(url);
    CHECK(out == shown);
    CHECK(out.find(secret) == std::string::npos);
    for (char cut : {'@', ':', '/', '#', '?'}) {
        for (size_t from = 0; from <= secret.size();) {
            size_t at = secret.find(cut, from);
            std::string piece = secret.substr(from, at == std::string::npos ? std::string::npos : at - from);
            if (piece.size() >= 2) CHECK_MESSAGE(out.find(piece) == std::string::npos, "piece \"", piece, "\" leaks");
            if (at == std::string::npos) break;
            from = at + 1;
        }
    }
}

}  // namespace

TEST_CASE("an RTSP password holding an unencoded @ leaks no part of itself") {
    check_hides("rtsp://admin:p@ss@cam/x", "p@ss", "rtsp://cam/x");
    check_hides("rtsp://admin:p@ssword@cam:554/Streaming/101", "p@ssword", "rtsp://cam:554/Streaming/101");
}

TEST_CASE("a user name and password with @, : and %40 are removed whole") {
    check_hides("rtsp://ad@min:pa:ss@cam:554/x", "pa:ss", "rtsp://cam:554/x");
    check_hides("rtsp://us%40er:p%40ss%3Aw@cam/x", "p%40ss%3Aw", "rtsp://cam/x");
    check_hides("https://user:pa55@dav.example.org/remote/x.mkv", "pa55", "https://dav.example.org/remote/x.mkv");
    check_hides("https://ad@min:pa55@dav.example.org/r", "ad@min", "https://dav.example.org/r");
}

TEST_CASE("non-ASCII user names and passwords are removed") {
    check_hides("rtsp://用户:密码@cam/x", "密码", "rtsp://cam/x");
    check_hides("rtsp://müller:pässwört@kamera.local/live", "pässwört", "rtsp://kamera.local/live");
}

TEST_CASE("passwords holding an unencoded slash, hash or question mark are cut by hand") {
    check_hides("rtsp://admin:p/ss@cam/x", "p/ss", "rtsp://cam/x");
    check_hides("rtsp://admin:1/ss@cam/x", "1/ss", "rtsp://cam/x");
    check_hides("rtsp://admin:p#ss@cam/x", "p#ss", "rtsp://cam/x");
    check_hides("rtsp://admin:p?ss@cam/x", "p?ss", "rtsp://cam/x");
}

TEST_CASE("query values are removed whatever their name, the names stay") {
    check_hides("https://h.example/x?password=hunter2", "hunter2", "https://h.example/x?password=…");
    check_hides("https://s3.example.org/b/k?X-Amz-Signature=abc123&X-Amz-Credential=AKIA9",
                "abc123", "https://s3.example.org/b/k?X-Amz-Signature=…&X-Amz-Credential=…");
    for (const char* name : {"token", "key", "secret", "sig", "access_token", "apikey"})
        check_hides(std::string("https://h/x?") + name + "=s3cr3t&a=b", "s3cr3t", std::string("https://h/x?") + name + "=…&a=…");
    check_hides("rtsp://cam/live?user=admin&password=hunter2", "hunter2", "rtsp://cam/live?user=…&password=…");
}

TEST_CASE("a fragment is dropped and a bare query word counts as a value") {
    check_hides("https://h/x#access_token=abc999", "abc999", "https://h/x");
    check_hides("https://h/x?s3cr3tw0rd", "s3cr3tw0rd", "https://h/x?…");
}

TEST_CASE("a value holding an @ does not make the host disappear") {
    CHECK(redact_url("https://h.example/x?email=a@b.example") == "https://h.example/x?email=…");
}

TEST_CASE("URLs without secrets come out as they went in") {
    CHECK(redact_url("http://127.0.0.1:8080/files/") == "http://127.0.0.1:8080/files/");
    CHECK(redact_url("rtsp://cam.local:554/Streaming/Channels/101") == "rtsp://cam.local:554/Streaming/Channels/101");
    CHECK(redact_url("https://s3.example.org/bucket/event/2026-05-14/Hall-A/0930-Li-Wei.mkv") ==
          "https://s3.example.org/bucket/event/2026-05-14/Hall-A/0930-Li-Wei.mkv");
}

TEST_CASE("text that is no URL at all loses what looks like user info") {
    check_hides("admin:hunter2@cam/x", "hunter2", "cam/x");
    check_hides("not a url :: hunter2@ x", "hunter2", " x");
    CHECK(redact_url("") == "");
}
