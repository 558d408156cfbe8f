// The operator console opens only with the PIN, locks out after wrong tries, and locks when idle.
#include "operator_access.h"

#include <doctest/doctest.h>

using namespace lectern;

namespace {
const TimePoint t0{std::chrono::sys_days{std::chrono::year{2024} / 4 / 29}};
OperatorAccessPolicy policy() { return {make_pin_hash("4711", 2000), 3, seconds{30}, seconds{300}}; }
}  // namespace

TEST_CASE("a PIN hash is salted: the same PIN hashes differently and both verify") {
    const std::string a = make_pin_hash("4711", 2000), b = make_pin_hash("4711", 2000);
    CHECK(a != b);
    CHECK(pin_matches("4711", a));
    CHECK(pin_matches("4711", b));
    CHECK_FALSE(pin_matches("4712", a));
    CHECK(a.find("4711") == std::string::npos);
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
