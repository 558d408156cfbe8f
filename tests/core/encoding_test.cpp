#include "encoding.h"
#include "sha256.h"

#include <doctest/doctest.h>

using namespace lectern;

TEST_CASE("base64 matches RFC 4648's test vectors, padding included") {
    CHECK(base64("") == "");
    CHECK(base64("f") == "Zg==");
    CHECK(base64("fo") == "Zm8=");
    CHECK(base64("foo") == "Zm9v");
    CHECK(base64("foob") == "Zm9vYg==");
    CHECK(base64("fooba") == "Zm9vYmE=");
    CHECK(base64("foobar") == "Zm9vYmFy");
    CHECK(base64("大厅") == "5aSn5Y6F");
}

TEST_CASE("base64 decodes what it encodes and refuses what is not base64") {
    for (const char* text : {"f", "fo", "foo", "foob", "fooba", "foobar", "staff:p@ss:大厅"}) {
        CAPTURE(text);
        CHECK(base64_decode(base64(text)) == text);
    }
    CHECK(base64_decode("") == "");
    CHECK(base64_decode("Zm9") == "");     // not a multiple of four
    CHECK(base64_decode("Zm9v!A==") == "");  // not in the alphabet
    CHECK(base64_decode(std::string(4100, 'A')) == "");  // over the credential-sized default limit
}

TEST_CASE("base64 decodes long texts up to the limit its caller gives (Opencast's catalogs)") {
    std::string bytes;
    for (int i = 0; i < 50000; ++i) bytes += static_cast<char>(i * 7 % 256);
    const std::string text = base64(bytes);
    CHECK(base64_decode(text).empty());
    CHECK(base64_decode(text, text.size()) == bytes);
    CHECK(base64_decode(text, text.size() - 1).empty());
}

TEST_CASE("hex is lowercase, two digits a byte, high bytes included") {
    CHECK(to_hex(std::string("\x00\x0f\xa0\xff", 4)) == "000fa0ff");
}

TEST_CASE("SHA-256 in pieces equals SHA-256 at once") {
    Sha256 pieces;
    pieces.update("ab", 2);
    pieces.update("c", 1);
    CHECK(pieces.hex() == sha256_hex("abc"));
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
