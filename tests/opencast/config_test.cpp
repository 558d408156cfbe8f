// [opencast] in the configuration file: read with every key, and refused where it would leak or mislead.
#include "lectern_config.h"
#include "toml_reader.h"

#include <doctest/doctest.h>

using namespace lectern;

TEST_CASE("an [opencast] section turns the capture agent on with its agent name and secret name") {
    LecternConfig c = load_config_text("[opencast]\nurl = \"https://oc.example.org/\"\nagent_name = \"hall-b\"\nsecret = \"oc-agent\"\n"
                                       "update_seconds = 30\n", "room.toml");
    CHECK(c.opencast.enabled());
    CHECK(c.opencast.url == "https://oc.example.org");
    CHECK(c.opencast.agent_name == "hall-b");
    CHECK(c.opencast.secret == "oc-agent");
    CHECK(c.opencast.auth == "digest");
    CHECK(c.opencast.update_seconds == 30);
    CHECK_FALSE(load_config_text("", "room.toml").opencast.enabled());
}

TEST_CASE("an [opencast] url with a password in it, or basic auth over plain http, is refused with the fix") {
    CHECK_THROWS_WITH_AS(load_config_text("[opencast]\nurl = \"https://agent:secret@oc.example.org\"\n", "room.toml"),
                         doctest::Contains("name a secret with opencast.secret"), InputError);
    CHECK_THROWS_WITH_AS(load_config_text("[opencast]\nurl = \"http://oc.example.org\"\nauth = \"basic\"\n", "room.toml"),
                         doctest::Contains("allow_insecure_http"), InputError);
    CHECK_THROWS_WITH_AS(load_config_text("[opencast]\nurl = \"http://oc.example.org\"\nagent = \"x\"\n", "room.toml"),
                         doctest::Contains("agent"), InputError);
}
