// A technician runs the demo morning from the console: the real recorder (synthetic camera) and
// the real upload service (a local archive folder), driven through the console's input path.
#include "agenda_file.h"
#include "local_time.h"
#include "recording_station.h"
#include "ui_driver.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
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

LecternConfig station_config(const fs::path& dir) {
    LecternConfig config = small_station_config(dir);
    config.kiosk.id = "test-kiosk";
    config.upload.recording_max_kib_per_s = 0;
    return config;
}

// The console open with the PIN, the recorder opened (in the background, as in the kiosk).
void open_console(RecordingStation& station, UiDriver& console) {
    station.want_capture(true);  // as the room screen's preview does
    RecorderView view;
    for (int i = 0; i < 100 && (view.state != RecorderView::State::Idle || !view.preview); ++i) {
        view = station.recorder_view(console.renderer());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE_MESSAGE(view.state == RecorderView::State::Idle, view.message);
    console.shell().apply({{IntentKind::OpenOperator}}, console.now());
    console.type("1234");
    console.press(13);
    REQUIRE(console.shell().mode() == KioskShell::Mode::Operator);
}

// The kiosk's frames for a while: each one also releases what waited out the undo window.
void frames_for(RecordingStation& station, UiDriver& console, std::chrono::milliseconds how_long) {
    for (auto end = std::chrono::steady_clock::now() + how_long; std::chrono::steady_clock::now() < end;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        console.frame();
        station.recorder_view(console.renderer());
    }
}

// Waits (with frames) until the archive holds `count` sidecars; returns them oldest first.
std::vector<nlohmann::json> archived(RecordingStation& station, UiDriver& console, const fs::path& dir, size_t count) {
    std::vector<nlohmann::json> found;
    for (int i = 0; i < 600 && found.size() < count; ++i) {
        frames_for(station, console, std::chrono::milliseconds(100));
        found = sidecars_in(dir / "archive");
    }
    return found;
}

// A fresh folder, the station and the console opened with the PIN, recording since S 1.5 s ago.
fs::path fresh_folder(const std::string& name) {
    const fs::path dir = fs::absolute(name);
    fs::remove_all(dir);
    return dir;
}
struct RecordingConsole {
    fs::path dir;
    LecternConfig config;
    RecordingStation station;
    UiDriver console;
    explicit RecordingConsole(const std::string& name)
        : dir(fresh_folder(name)), config(station_config(dir)), station(config, "Asia/Shanghai"),
          console(config, ScreenId::Room, *parse_rfc3339("2024-04-29T09:11:00+08:00"), &station.control(), 1280, 800) {
        open_console(station, console);
        console.type("s");
        frames_for(station, console, std::chrono::milliseconds(1500));
    }
};

// The title tag of every MP4 under folder (ffprobe).
std::set<std::string> mp4_titles(const fs::path& folder) {
    std::set<std::string> titles;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.path().extension() != ".mp4") continue;
        const std::string command = "ffprobe -v error -show_entries format_tags=title -of default=nw=1:nk=1 '" + entry.path().string() + "'";
        std::string out;
        if (FILE* p = popen(command.c_str(), "r")) {
            char buf[512];
            while (fgets(buf, sizeof buf, p)) out += buf;
            pclose(p);
        }
        while (!out.empty() && out.back() == '\n') out.pop_back();
        titles.insert(out);
    }
    return titles;
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

TEST_CASE("undo after two quick next speakers joins the file that the last split ended, not an older one") {
    RecordingConsole run("console_undo_right_file");
    auto& [dir, config, station, console] = run;
    console.type("n");  // address-wu -> intro-bjast
    frames_for(station, console, std::chrono::milliseconds(3000));
    console.type("n");  // intro-bjast -> intro-kitech, pressed by mistake
    console.type("u");  // at once: intro-kitech's part belongs to intro-bjast
    CHECK(console.shell().operator_view(console.now()).last_error.empty());
    frames_for(station, console, std::chrono::milliseconds(1500));
    console.type("x");
    auto files = archived(station, console, dir, 2);
    frames_for(station, console, std::chrono::milliseconds(500));
    files = sidecars_in(dir / "archive");
    REQUIRE(files.size() == 2);
    CHECK(files[0]["item_id"] == "address-wu");
    CHECK(files[1]["item_id"] == "intro-bjast");
    // Each file continues the one before, frame for frame: nothing was joined to the wrong file.
    CHECK(files[0]["frames"]["first"].get<int64_t>() + files[0]["frames"]["count"].get<int64_t>() ==
          files[1]["frames"]["first"].get<int64_t>());
    CHECK(files[0]["duration_seconds"].get<double>() < 2.5);
    CHECK(files[1]["duration_seconds"].get<double>() > 4);
}

TEST_CASE("a file held for the undo window while uploads are off is queued at the next start") {
    const fs::path dir = fs::absolute("console_held_restart");
    fs::remove_all(dir);
    LecternConfig broken = station_config(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "blocker") << "a file where the queue's folder should be";
    broken.upload.queue_db = (dir / "blocker" / "uploads.db").string();
    {
        RecordingStation station(broken, "Asia/Shanghai");
        UiDriver console(broken, ScreenId::Room, *parse_rfc3339("2024-04-29T09:11:00+08:00"), &station.control(), 1280, 800);
        REQUIRE_FALSE(station.problems().empty());  // "Uploads are off: ..."
        open_console(station, console);
        console.type("s");
        frames_for(station, console, std::chrono::milliseconds(1500));
        console.type("n");
        frames_for(station, console, std::chrono::milliseconds(1500));
        console.type("x");
        frames_for(station, console, std::chrono::milliseconds(1500));
    }
    // The next start, with the queue working: both recordings reach the archive.
    LecternConfig config = station_config(dir);
    RecordingStation station(config, "Asia/Shanghai");
    UiDriver console(config, ScreenId::Room, *parse_rfc3339("2024-04-29T09:40:00+08:00"), &station.control(), 1280, 800);
    auto files = archived(station, console, dir, 2);
    REQUIRE(files.size() == 2);
    CHECK(files[0]["item_id"] == "address-wu");
    CHECK(files[1]["item_id"] == "intro-bjast");
}

TEST_CASE("Edit on the speech being recorded and on the one held before upload reaches their sidecars and MP4 tags in the archive") {
    RecordingConsole run("console_corrections");
    auto& [dir, config, station, console] = run;
    console.type("n");  // address-wu ends and waits out the undo window; intro-bjast is recorded
    auto held = [&] {
        for (const UploadRow& row : station.upload_rows()) if (row.state == "held") return true;
        return false;
    };
    for (int i = 0; i < 200 && !held(); ++i) frames_for(station, console, std::chrono::milliseconds(100));
    REQUIRE(held());
    auto correct = [&](const char* item, MetadataCorrection c) {
        console.shell().apply({Intent{IntentKind::Run, Command{CommandKind::Correct, item, "", c}, ""}}, console.now());
    };
    correct("address-wu", {"The address, corrected", "", ""});                   // held before upload
    correct("intro-bjast", {"BJAST, corrected", "Ada Example", "late start"});  // being recorded
    CHECK(console.shell().operator_view(console.now()).last_error.empty());
    frames_for(station, console, std::chrono::milliseconds(1000));
    console.type("x");
    auto files = archived(station, console, dir, 2);
    REQUIRE(files.size() == 2);
    CHECK(files[0]["item_id"] == "address-wu");
    CHECK(files[0]["title"] == "The address, corrected");
    CHECK(files[0]["speakers"][0]["native_name"] == "伍建民");  // speakers not edited: the programme's, in full
    CHECK(files[1]["item_id"] == "intro-bjast");
    CHECK(files[1]["title"] == "BJAST, corrected");
    CHECK(files[1]["speakers"].size() == 1);
    CHECK(files[1]["speakers"][0]["name"] == "Ada Example");
    CHECK(files[1]["note"] == "late start");
    CHECK(mp4_titles(dir / "archive") == std::set<std::string>{"The address, corrected", "BJAST, corrected"});
    CHECK(station.problems().empty());
}

TEST_CASE("a speech already handed to the uploader offers no Edit, and a correction of it is refused with the reason") {
    RecordingConsole run("console_handed_on");
    auto& [dir, config, station, console] = run;
    console.type("n");  // address-wu ends, waits out the undo window, then goes to the upload queue
    auto queued = [&] {
        for (const UploadRow& row : station.upload_rows()) if (row.state != "held") return true;
        return false;
    };
    for (int i = 0; i < 400 && !queued(); ++i) frames_for(station, console, std::chrono::milliseconds(100));
    REQUIRE(queued());
    const OperatorView before = console.shell().operator_view(console.now());
    CHECK(before.uncorrectable.count("address-wu") == 1);
    CHECK(before.uncorrectable.count("intro-bjast") == 0);  // being recorded: its file takes a correction
    console.shell().apply({Intent{IntentKind::Run, Command{CommandKind::Correct, "address-wu", "", {"Too late", "", ""}}, ""}},
                          console.now());
    const std::string error = console.shell().operator_view(console.now()).last_error;
    CHECK(error.find("already with the uploader") != std::string::npos);
    console.type("x");
    auto files = archived(station, console, dir, 2);
    REQUIRE(files.size() == 2);
    CHECK(files[0]["title"] != "Too late");
}

TEST_CASE("a recordings folder that turns unusable while recording, then next speaker, is an alert and a kept file, not an abort") {
    RecordingConsole run("console_folder_gone");
    auto& [dir, config, station, console] = run;
    // As chmod a-x would for another user (root passes any permission): nothing in the folder can
    // be looked at, so the next file cannot be named and the finished one cannot be finalized.
    fs::rename(dir / "recordings", dir / "recordings-away");
    std::ofstream(dir / "recordings") << "a file where the recordings folder was";
    console.type("n");
    RecorderView view;
    for (int i = 0; i < 100 && view.state != RecorderView::State::Failed; ++i) {
        frames_for(station, console, std::chrono::milliseconds(100));
        view = station.recorder_view(console.renderer());
    }
    CHECK(view.state == RecorderView::State::Failed);
    CHECK(view.message.find(dir.string() + "/recordings") != std::string::npos);
    // The speech recorded so far is on disk, whole, where the folder went: the next start recovers it.
    fs::remove(dir / "recordings");
    fs::rename(dir / "recordings-away", dir / "recordings");
    size_t kept = 0;
    for (const auto& e : fs::directory_iterator(dir / "recordings")) kept += e.path().extension() == ".mp4" && fs::file_size(e.path()) > 0;
    CHECK(kept >= 1);
}
