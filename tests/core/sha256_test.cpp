#include "sha256.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

TEST_CASE("SHA-256 of text and of a file agree with the published test vector") {
    CHECK(lectern::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const std::string path = "sha256_test_input.txt";
    { std::ofstream(path) << "abc"; }
    CHECK(lectern::sha256_file(path) == lectern::sha256_hex("abc"));
    std::remove(path.c_str());
    CHECK_THROWS_AS(lectern::sha256_file("/nonexistent/file"), std::runtime_error);
}
