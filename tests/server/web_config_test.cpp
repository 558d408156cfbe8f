// [web] in the configuration file: off by default, bad values named with file, line and key.
#include "lectern_config.h"
#include "toml_reader.h"

#include <doctest/doctest.h>

using namespace lectern;

TEST_CASE("the web server is off unless [web] listen is set") {
    LecternConfig c = load_config_text("", "empty.toml");
    CHECK(c.web.listen.empty());
    c = load_config_text("[web]\nlisten = \"8080\"\nthreads = 2\n", "web.toml");
    CHECK(c.web.listen == "8080");
    CHECK(c.web.threads == 2);
}

TEST_CASE("a bad [web] listen value is reported with its key and what is allowed") {
    try {
        load_config_text("[web]\nlisten = \"eighty\"\n", "bad.toml");
        FAIL("accepted listen = eighty");
    } catch (const InputError& e) {
        std::string text = e.what();
        CHECK(text.find("web.listen") != std::string::npos);
        CHECK(text.find("0.0.0.0:8080") != std::string::npos);
    }
    CHECK_THROWS_AS(load_config_text("[web]\nthreads = 0\n", "bad.toml"), InputError);
    CHECK_THROWS_AS(load_config_text("[web]\nlisen = \"8080\"\n", "typo.toml"), InputError);
}
