// A technician runs the demo morning from the console: the real recorder (synthetic camera) and
// the real upload service (a local archive folder), driven through the console's input path.
#include "agenda_file.h"
#include "local_time.h"
#include "recording_station.h"
#include "ui_driver.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

using namespace lectern;
namespace fs = std::filesystem;

namespace {

std::vector<nlohmann::json> sidecars_in(const fs::path& folder) {
    std::vector<nlohmann::json> out;
    if (!fs::exists(folder)) return out;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.path().extension() == ".json") out.push_back(nlohmann::json::parse(std::ifstream(entry.path())));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a["actual_start"] < b["actual_start"]; });
    return out;
}

}  // namespace

TEST_CASE("start, next speaker undone, three next speakers and stop from the console give four recordings in the archive with the corrections") {
    const fs::path dir = fs::absolute("console_session");
    fs::remove_all(dir);
    LecternConfig config = small_station_config(dir);
    config.kiosk.id = "test-kiosk";
    config.upload.recording_max_kib_per_s = 0;

    RecordingStation station(config, "Asia/Shanghai");
    UiDriver console(config, ScreenId::Room, *parse_rfc3339("2024-04-29T09:11:00+08:00"), &station.control(), 1280, 800);
    // Wait for the recorder to open (it opens in the background, as in the kiosk, once the room
    // screen's preview wants it).
    station.want_capture(true);
    RecorderView view;
    for (int i = 0; i < 100 && (view.state != RecorderView::State::Idle || !view.preview); ++i) {
        view = station.recorder_view(console.renderer());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE_MESSAGE(view.state == RecorderView::State::Idle, view.message);
    console.shell().apply({{IntentKind::OpenOperator}}, *parse_rfc3339("2024-04-29T09:11:00+08:00"));
    console.type("1234");
    console.press(13);
    REQUIRE(console.shell().mode() == KioskShell::Mode::Operator);
    // The metadata editor's Save emits this intent; the technician corrects the third talk's title.
    console.shell().apply({Intent{IntentKind::Run, Command{CommandKind::Correct, "intro-kitech", "", {"KITECH in Qingdao: Proposals", "", "slides late"}}, ""}},
                          *parse_rfc3339("2024-04-29T09:12:00+08:00"));
    // The second key is a "next speaker" pressed too early, taken back with U (undo split).
    for (const char* key : {"s", "n", "u", "n", "n", "n", "x"}) {
        console.type(key);
        for (int i = 0; i < 15; ++i) {  // the kiosk's frames go on meanwhile
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            station.recorder_view(console.renderer());
        }
        if (std::string(key) != "n" || console.shell().controller().undo_split_left(console.now()) == seconds{0}) console.advance(minutes{5});
    }
    CHECK(console.shell().operator_view(console.now()).last_error.empty());
    CHECK_MESSAGE(console.shell().controller().recordings_made() == 4, console.shell().operator_view(console.now()).last_error);

    std::vector<nlohmann::json> archived;
    for (int i = 0; i < 300 && archived.size() < 4; ++i) {  // a sidecar beside each recording in the archive
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        station.recorder_view(console.renderer());  // the kiosk's frame: releases what waited for an undo
        archived = sidecars_in(dir / "archive");
    }
    REQUIRE(archived.size() == 4);
    CHECK(archived[0]["item_id"] == "address-wu");
    CHECK(archived[1]["item_id"] == "intro-bjast");
    CHECK(archived[2]["item_id"] == "intro-kitech");
    CHECK(archived[2]["title"] == "KITECH in Qingdao: Proposals");
    CHECK(archived[2]["note"] == "slides late");
    CHECK(archived[3]["item_id"] == "intro-oxentia");
    CHECK(archived[0]["speakers"][0]["native_name"] == "伍建民");
    // The undone split was joined back: the first speech holds both parts' frames.
    CHECK(archived[0]["frames"]["first"].get<int64_t>() + archived[0]["frames"]["count"].get<int64_t>() ==
          archived[1]["frames"]["first"].get<int64_t>());
    CHECK(archived[0]["duration_seconds"].get<double>() > archived[1]["duration_seconds"].get<double>());
    for (const auto& s : archived) CHECK(s["kiosk_id"] == "test-kiosk");
    // Nothing was deleted locally: the recordings stay until retention says otherwise.
    size_t local = 0;
    for (const auto& e : fs::directory_iterator(dir / "recordings")) local += e.path().extension() == ".mp4";
    CHECK(local == 4);
}
