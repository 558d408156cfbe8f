// Bad agenda files: every problem is reported with file, line and field.
#include "agenda_file.h"
#include "toml_reader.h"
#include "test_paths.h"

#include <doctest/doctest.h>

using namespace lectern;

namespace {

std::string problems_of(const std::string& text) {
    try {
        load_agenda_text(text, "bad.toml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

const char* kHeader = R"(
[event]
name = "E"
time_zone = "Asia/Shanghai"
[[rooms]]
id = "hall"
name = "Hall"
)";

}  // namespace

TEST_CASE("the embedded demo agenda loads with every person from the article") {
    Agenda a = demo_agenda();
    CHECK(a.event.time_zone == "Asia/Shanghai");
    CHECK(a.items.size() >= 8);
    for (const char* who : {"wu-jianmin", "li-junkai", "ju-hong-shin", "frank-wong", "vrajaindra-upadhyay", "ma-yan",
                            "li-gongyue", "geng-nan"})
        CHECK_MESSAGE(a.speaker(who) != nullptr, who);
    CHECK(a.speaker("wu-jianmin")->native_name == "伍建民");
}

TEST_CASE("a TOML syntax error names the line") {
    std::string message = problems_of("[event\nname = 1");
    CHECK(message.find("bad.toml:1:") == 0);
    CHECK(message.find("TOML syntax error") != std::string::npos);
}

TEST_CASE("an item with an unknown speaker, room and kind names each field and line") {
    std::string message = problems_of(std::string(kHeader) + R"(
[[items]]
id = "x"
room = "cellar"
title = "T"
kind = "lecture"
speakers = ["ghost"]
start = 2024-04-29T09:00:00
end = 2024-04-29T10:00:00
)");
    CHECK(message.find("bad.toml:11:8: 'items[0].room'") != std::string::npos);  // room = "cellar"
    CHECK(message.find("'items[0].room'") != std::string::npos);
    CHECK(message.find("'items[0].kind': \"lecture\" is not allowed") != std::string::npos);
    CHECK(message.find("'items[0].speakers': \"ghost\"") != std::string::npos);
}

TEST_CASE("an item ending before it starts is refused") {
    std::string message = problems_of(std::string(kHeader) + R"(
[[items]]
id = "x"
title = "T"
start = 2024-04-29T10:00:00
end = 2024-04-29T09:00:00
)");
    CHECK(message.find("'items[0].end': must be after start") != std::string::npos);
}

TEST_CASE("a missing start, an unknown key and a bad time zone are all reported at once") {
    std::string message = problems_of(R"(
[event]
name = "E"
time_zone = "Beijing"
[[rooms]]
id = "hall"
name = "Hall"
[[items]]
id = "x"
title = "T"
colour = "red"
end = 2024-04-29T09:00:00+08:00
)");
    CHECK(message.find("'event.time_zone': unknown time zone \"Beijing\"") != std::string::npos);
    CHECK(message.find("'items[0].start': is required") != std::string::npos);
    CHECK(message.find("'items[0].colour': unknown key") != std::string::npos);
}

TEST_CASE("duplicate ids are refused") {
    std::string message = problems_of(std::string(kHeader) + R"(
[[rooms]]
id = "hall"
name = "Again"
)");
    CHECK(message.find("'rooms[1].id': \"hall\" is used by another room") != std::string::npos);
}

TEST_CASE("a file that cannot be read says so with its path") {
    CHECK_THROWS_WITH_AS(load_agenda_file("/nonexistent/agenda.toml"), doctest::Contains("/nonexistent/agenda.toml"),
                         InputError);
}

TEST_CASE("a fictional speaker's Chinese name is found in Chinese and in pinyin, ignoring spaces") {
    Agenda a = load_agenda_file(LECTERN_SOURCE_DIR + "/tests/data/fictional-cjk-agenda.toml");
    for (const char* query : {"林晓雨", "林 晓雨", "linxiaoyu", "Lin Xiao"}) {
        CAPTURE(query);
        auto slots = find_slots(a, query);
        REQUIRE(slots.size() == 1);
        CHECK(slots[0].item->id == "talk-lin");
    }
    CHECK(find_slots(a, "伍建民").empty());
}
