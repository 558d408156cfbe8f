// `lectern archive reindex|list|search|show|verify|export`: the recordings catalog for staff.
#include "commands.h"

#include "archive_serve.h"
#include "catalog.h"
#include "export.h"
#include "lectern_config.h"
#include "sidecar_scan.h"
#include "upload_queue.h"
#include "verify.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

namespace lectern {
namespace {

const char* kUsage =
    "usage: lectern archive reindex [DIR...]        rebuild the catalog from the sidecars under DIRs\n"
    "                                                (default: the recorder's folder and folder targets)\n"
    "       lectern archive list [FILTERS]\n"
    "       lectern archive search WORDS [FILTERS]   words match speakers (Latin or native), title, room, event\n"
    "       lectern archive show ID\n"
    "       lectern archive verify [ID...] [FILTERS] [--dir DIR]   re-hash against the sidecars; exit 1 on problems\n"
    "       lectern archive export FOLDER [FILTERS]  copy, verify, write manifest.csv/.json and index.html\n"
    "       lectern archive serve [--listen HOST:PORT]   the staff page alone (default [web] listen, else 8080)\n"
    "filters: --speaker NAME --title WORDS --room ROOM --event EVENT --date YYYY-MM-DD\n"
    "         --from YYYY-MM-DD --to YYYY-MM-DD --problems --sort start|title|room|speaker|duration|size --desc\n"
    "options: --json  --catalog FILE (default [archive] catalog_db)  --config FILE\n";

struct Options {
    std::string verb;
    std::vector<std::string> words;
    ArchiveQuery query;
    bool json = false;
    std::string catalog, dir, listen;
    std::optional<std::string> config;
};

Options parse(const std::vector<std::string>& args) {
    Options o;
    auto value = [&](size_t& i) -> const std::string& {
        if (i + 1 >= args.size()) throw std::invalid_argument(args[i] + " needs a value\n" + kUsage);
        return args[++i];
    };
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--json") o.json = true;
        else if (a == "--catalog") o.catalog = value(i);
        else if (a == "--config") o.config = value(i);
        else if (a == "--dir") o.dir = value(i);
        else if (a == "--listen") o.listen = value(i);
        else if (a == "--speaker") o.query.speaker = value(i);
        else if (a == "--title") o.query.title = value(i);
        else if (a == "--room") o.query.room = value(i);
        else if (a == "--event") o.query.event = value(i);
        else if (a == "--from") o.query.from = value(i);
        else if (a == "--to") o.query.to = value(i);
        else if (a == "--date") o.query.from = o.query.to = value(i);
        else if (a == "--sort") o.query.sort = value(i);
        else if (a == "--desc") o.query.descending = true;
        else if (a == "--problems") o.query.problems_only = true;
        else if (a.rfind("--", 0) == 0) throw std::invalid_argument("unknown option " + a + "\n" + kUsage);
        else if (o.verb.empty()) o.verb = a;
        else o.words.push_back(a);
    }
    return o;
}

// The catalog, brought up to date with the folders and the upload queue before answering.
std::unique_ptr<Catalog> open_catalog(const Options& o, const LecternConfig& config) {
    auto catalog = Catalog::open(expand_home(o.catalog.empty() ? config.archive.catalog_db : o.catalog));
    const auto report = bring_up_to_date(*catalog, config, o.verb != "reindex");
    for (const auto& w : report.warnings) std::cerr << "warning: " << w << "\n";
    return catalog;
}

std::string clock_time(const std::string& t) { return t.size() >= 16 ? t.substr(11, 5) : "--:--"; }

void print_line(const Recording& r) {
    std::printf("%5lld  %-10s %s  %-12s %3d min  %s", static_cast<long long>(r.id), r.date.empty() ? "undated" : r.date.c_str(),
                clock_time(r.start()).c_str(), r.room.c_str(), static_cast<int>(r.duration_s / 60 + 0.5), r.title.c_str());
    if (!r.speakers.empty()) std::printf(" — %s", r.speaker_line().c_str());
    for (const auto& u : r.uploads) std::printf("  [%s: %s]", u.target.c_str(), u.state.c_str());
    std::printf("\n");
    if (!r.problem.empty()) std::printf("       problem: %s\n", r.problem.c_str());
}

void print_show(const Recording& r) {
    print_line(r);
    std::printf("  file      %s\n  sidecar   %s\n", r.media_path.c_str(), r.sidecar_path.empty() ? "(none)" : r.sidecar_path.c_str());
    std::printf("  event     %s\n  item      %s\n", r.event.c_str(), r.item_id.c_str());
    for (const auto& s : r.speakers)
        std::printf("  speaker   %s %s%s%s\n", s.name.c_str(), s.native_name.c_str(), s.affiliation.empty() ? "" : " — ",
                    s.affiliation.c_str());
    std::printf("  scheduled %s – %s\n  actual    %s – %s (%s)\n", r.scheduled_start.c_str(), r.scheduled_end.c_str(),
                r.actual_start.c_str(), r.actual_end.c_str(), r.time_zone.c_str());
    std::printf("  duration  %.3f s\n  size      %lld bytes\n  sha256    %s\n", r.duration_s,
                static_cast<long long>(r.file_bytes), r.sha256.c_str());
    std::printf("  video     %s %dx%d %.3g fps\n  audio     %s %d Hz, %d ch\n", r.video_codec.c_str(), r.width, r.height,
                r.fps, r.audio_codec.c_str(), r.sample_rate, r.channels);
    if (r.recovered) std::printf("  recovered after a crash\n");
    if (!r.note.empty()) std::printf("  note      %s\n", r.note.c_str());
    for (const auto& u : r.uploads)
        std::printf("  upload    %s: %s %s%s%s\n", u.target.c_str(), u.state.c_str(), u.location.c_str(),
                    u.error.empty() ? "" : " — ", u.error.c_str());
}

std::vector<Recording> selection(Catalog& catalog, const Options& o, bool ids_allowed) {
    if (ids_allowed && !o.words.empty()) {
        std::vector<Recording> out;
        for (const auto& w : o.words) {
            auto r = catalog.get(std::stoll(w));
            if (!r) throw std::invalid_argument("no recording " + w + " in the catalog (see `lectern archive list`)");
            out.push_back(*r);
        }
        return out;
    }
    return catalog.search(o.query).recordings;
}

int run_verify(const std::vector<Recording>& recordings, bool json) {
    int bad = 0;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : recordings) {
        VerifyResult v = verify_recording(r);
        if (v.outcome != VerifyOutcome::Ok) ++bad;
        if (json) {
            out.push_back({{"id", r.id}, {"media_path", r.media_path}, {"outcome", to_string(v.outcome)},
                           {"sha256", v.sha256}, {"expected_sha256", r.sha256}, {"detail", v.detail}});
        } else {
            std::printf("%-10s %s  %s\n", to_string(v.outcome), v.sha256.empty() ? "-" : v.sha256.c_str(), r.media_path.c_str());
            if (!v.detail.empty()) std::printf("           %s\n", v.detail.c_str());
        }
    }
    if (json) std::cout << out.dump(2) << "\n";
    else std::printf("%zu checked, %d with problems\n", recordings.size(), bad);
    return bad == 0 ? kExitOk : kExitFailure;
}

int run_export(const std::vector<Recording>& recordings, const std::string& folder, bool json) {
    ExportOptions options;
    options.progress = [](const ExportProgress& p) {
        std::fprintf(stderr, "\r%d/%d files, %lld/%lld MiB %s   ", p.files_done, p.files_total,
                     static_cast<long long>(p.bytes_done >> 20), static_cast<long long>(p.bytes_total >> 20),
                     p.verifying ? "verifying" : "copying");
    };
    ExportReport report = export_recordings(recordings, folder, options);
    std::fprintf(stderr, "\n");
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : report.recordings)
            out.push_back({{"id", e.recording.id}, {"file", e.media_rel}, {"sidecar", e.sidecar_rel},
                           {"verified", e.verified}, {"problem", e.problem}});
        std::cout << nlohmann::json{{"folder", report.folder}, {"failed", report.failed}, {"recordings", out}}.dump(2) << "\n";
    } else {
        for (const auto& e : report.recordings)
            std::printf("%-9s %s%s%s\n", e.verified ? "verified" : "FAILED", e.media_rel.empty() ? e.recording.file.c_str() : e.media_rel.c_str(),
                        e.problem.empty() ? "" : "  — ", e.problem.c_str());
        std::printf("%zu exported to %s, %d failed; open %s/index.html\n", report.recordings.size() - report.failed,
                    report.folder.c_str(), report.failed, report.folder.c_str());
    }
    return report.failed == 0 ? kExitOk : kExitFailure;
}

}  // namespace

int run_archive_command(const std::vector<std::string>& args) {
    Options o = parse(args);
    if (o.verb.empty() || o.verb == "help") {
        std::cout << kUsage;
        return o.verb.empty() ? kExitBadInput : kExitOk;
    }
    const LecternConfig config = o.config ? load_config(*o.config) : LecternConfig{};
    if (o.verb == "verify" && !o.dir.empty()) {  // a folder as it is (a USB stick), without the catalog
        std::vector<Recording> found = scan_recordings(o.dir).changed;
        return run_verify(found, o.json);
    }
    auto catalog = open_catalog(o, config);
    if (o.verb == "reindex") {
        auto dirs = o.words.empty() ? default_archive_dirs(config) : o.words;
        ReindexReport r = catalog->reindex(dirs);
        if (o.json)
            std::cout << nlohmann::json{{"dirs", catalog->dirs()}, {"recordings", r.recordings}, {"read", r.read},
                                        {"duplicates", r.duplicates}, {"problems", r.problems}}.dump(2) << "\n";
        else
            std::printf("%lld recordings catalogued from %zu folders (%lld with problems, %lld duplicate copies skipped)\n",
                        static_cast<long long>(r.recordings), dirs.size(), static_cast<long long>(r.problems),
                        static_cast<long long>(r.duplicates));
        return kExitOk;
    }
    if (o.verb == "list" || o.verb == "search") {
        if (o.verb == "search") {
            if (o.words.empty() && o.query.speaker.empty() && o.query.title.empty())
                throw std::invalid_argument("search needs words or a filter\n" + std::string(kUsage));
            for (const auto& w : o.words) o.query.text += w + " ";
        }
        ArchivePage page = catalog->search(o.query);
        if (o.json) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& r : page.recordings) out.push_back(to_json(r));
            std::cout << out.dump(2) << "\n";
        } else {
            for (const auto& r : page.recordings) print_line(r);
            std::printf("%lld recordings\n", static_cast<long long>(page.total));
        }
        return kExitOk;
    }
    if (o.verb == "show") {
        if (o.words.size() != 1) throw std::invalid_argument(std::string("show needs one ID\n") + kUsage);
        auto r = catalog->get(std::stoll(o.words[0]));
        if (!r) throw std::invalid_argument("no recording " + o.words[0] + " in the catalog (see `lectern archive list`)");
        if (o.json) std::cout << to_json(*r).dump(2) << "\n";
        else print_show(*r);
        return kExitOk;
    }
    if (o.verb == "serve") return serve_archive_page(*catalog, config, o.listen);
    if (o.verb == "verify") return run_verify(selection(*catalog, o, true), o.json);
    if (o.verb == "export") {
        if (o.words.size() != 1) throw std::invalid_argument(std::string("export needs one FOLDER\n") + kUsage);
        const std::string folder = o.words[0];
        o.words.clear();
        return run_export(selection(*catalog, o, false), folder, o.json);
    }
    throw std::invalid_argument("unknown archive command \"" + o.verb + "\"\n" + kUsage);
}

}  // namespace lectern
