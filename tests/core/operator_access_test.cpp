// The operator console opens only with the PIN, locks out after wrong tries, and locks when idle.
#include "operator_access.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>

using namespace lectern;

namespace {
const TimePoint t0{std::chrono::sys_days{std::chrono::year{2024} / 4 / 29}};
OperatorAccessPolicy policy() { return {make_pin_hash("4711", 2000), 3, seconds{30}, seconds{300}, ""}; }
}  // namespace

TEST_CASE("a PIN hash is salted: the same PIN hashes differently and both verify") {
    const std::string a = make_pin_hash("4711", 2000), b = make_pin_hash("4711", 2000);
    CHECK(a != b);
    CHECK(pin_matches("4711", a));
    CHECK(pin_matches("4711", b));
    CHECK_FALSE(pin_matches("4712", a));
    // Salt and key in hex and nothing else: no PIN in clear (looking for "4711" in the line failed by
    // chance 0.14% of the time, as its random hex digits hold any four given digits that often).
    CHECK(std::regex_match(a, std::regex("pbkdf2-sha256\\$2000\\$[0-9a-f]{32}\\$[0-9a-f]{64}")));
    CHECK(pin_hash_problem(a).empty());
    CHECK_FALSE(pin_hash_problem("4711").empty());
}

TEST_CASE("a wrong PIN does not open the console") {
    OperatorAccess access(policy());
    CHECK(access.try_pin("0000", t0) == OperatorAccess::Result::WrongPin);
    CHECK_FALSE(access.is_open(t0));
    CHECK(access.tries_left() == 2);
}

TEST_CASE("after three wrong tries even the right PIN is refused until the lockout ends, and lockouts grow") {
    OperatorAccess access(policy());
    access.try_pin("1", t0);
    access.try_pin("2", t0);
    CHECK(access.try_pin("3", t0) == OperatorAccess::Result::LockedOut);
    CHECK(access.locked_out_for(t0) == seconds{30});
    CHECK(access.try_pin("4711", t0 + seconds{29}) == OperatorAccess::Result::LockedOut);
    CHECK_FALSE(access.is_open(t0 + seconds{29}));
    // A second round of wrong tries locks out twice as long.
    TimePoint t1 = t0 + seconds{30};
    access.try_pin("1", t1);
    access.try_pin("2", t1);
    access.try_pin("3", t1);
    CHECK(access.locked_out_for(t1) == seconds{60});
    CHECK(access.try_pin("4711", t1 + seconds{60}) == OperatorAccess::Result::Opened);
    CHECK(access.is_open(t1 + seconds{60}));
}

TEST_CASE("an idle console locks itself, activity keeps it open") {
    OperatorAccess access(policy());
    REQUIRE(access.try_pin("4711", t0) == OperatorAccess::Result::Opened);
    access.touch(t0 + seconds{200});
    CHECK(access.is_open(t0 + seconds{499}));
    CHECK_FALSE(access.is_open(t0 + seconds{500}));
    access.touch(t0 + seconds{501});  // touching a locked console does not reopen it
    CHECK_FALSE(access.is_open(t0 + seconds{502}));
}

TEST_CASE("wrong tries and a lockout survive a restart of the kiosk") {
    const std::filesystem::path dir = std::filesystem::absolute("operator_access_state");
    std::filesystem::remove_all(dir);
    OperatorAccessPolicy policy{make_pin_hash("2468", 1000), 3, seconds{30}, seconds{300}, (dir / "lockout.json").string()};
    {
        OperatorAccess first(policy);
        CHECK(first.try_pin("0000", t0) == OperatorAccess::Result::WrongPin);
        CHECK(first.try_pin("0000", t0) == OperatorAccess::Result::WrongPin);
    }
    {
        // Restarted after two wrong tries: the third still locks.
        OperatorAccess second(policy);
        CHECK(second.tries_left() == 1);
        CHECK(second.try_pin("0000", t0 + seconds{5}) == OperatorAccess::Result::LockedOut);
    }
    // Restarted while locked out: even the right PIN waits for the lockout's end.
    OperatorAccess third(policy);
    CHECK(third.locked_out_for(t0 + seconds{10}) == seconds{25});
    CHECK(third.try_pin("2468", t0 + seconds{10}) == OperatorAccess::Result::LockedOut);
    CHECK(third.try_pin("2468", t0 + seconds{40}) == OperatorAccess::Result::Opened);
    // The right PIN clears the record for the next start.
    CHECK(OperatorAccess(policy).tries_left() == 3);
}

TEST_CASE("a state file cut short by a power cut starts afresh instead of failing") {
    const std::filesystem::path dir = std::filesystem::absolute("operator_access_state_cut");
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "lockout.json") << "{\"wrong_in_a_row\": 2, \"lock";
    OperatorAccess access({make_pin_hash("2468", 1000), 3, seconds{30}, seconds{300}, (dir / "lockout.json").string()});
    CHECK(access.tries_left() == 3);
}
