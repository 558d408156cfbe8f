// The files that make an export folder self-explaining: manifest.csv (for a spreadsheet),
// manifest.json (for scripts) and index.html (double-click on any laptop, no network needed).
#include "export.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace lectern {
namespace {

std::string csv(const std::string& v) {
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string html(const std::string& v) {
    std::string out;
    for (char c : v) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

// Each path segment percent-encoded for an href, so a name with '#' or '?' still links.
std::string href(const std::string& rel) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : rel) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c >= 0x80) out += static_cast<char>(c);
        else out += '%', out += hex[c >> 4], out += hex[c & 15];
    }
    return out;
}

std::string clock_time(const std::string& rfc3339) { return rfc3339.size() >= 16 ? rfc3339.substr(11, 5) : ""; }

std::string minutes(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d:%02d", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
    return buf;
}

std::string mib(int64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MiB", std::max<int64_t>(bytes, 0) / 1048576.0);
    return buf;
}

void write_file(const fs::path& path, const std::string& text) {
    fs::path part = path;
    part += ".part";
    {
        std::ofstream out(part, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + path.string() + ": check the drive is still mounted and has space");
    }
    fs::rename(part, path);
}

}  // namespace

void write_export_manifests(const ExportReport& report, const std::string& title) {
    const fs::path dir = report.folder;
    std::string table = "file,sidecar,date,start,room,event,title,speakers,duration_seconds,size_bytes,sha256,verified,problem\n";
    nlohmann::json items = nlohmann::json::array();
    std::string rows;
    for (const auto& e : report.recordings) {
        const Recording& r = e.recording;
        table += csv(e.media_rel) + "," + csv(e.sidecar_rel) + "," + csv(r.date) + "," + csv(r.start()) + "," +
                 csv(r.room) + "," + csv(r.event) + "," + csv(r.title) + "," + csv(r.speaker_line()) + "," +
                 std::to_string(r.duration_s) + "," + std::to_string(r.file_bytes) + "," + csv(r.sha256) + "," +
                 (e.verified ? "yes" : "no") + "," + csv(e.problem) + "\n";
        nlohmann::json j = to_json(r);
        for (const char* local : {"id", "media_path", "sidecar_path", "uploads", "file_bytes"}) j.erase(local);
        j["file"] = e.media_rel;
        j["sidecar"] = e.sidecar_rel;
        j["verified"] = e.verified;
        j["export_problem"] = e.problem;
        items.push_back(std::move(j));
        const std::string link = e.media_rel.empty() ? html(r.title)
                                                     : "<a href=\"" + href(e.media_rel) + "\">" + html(r.title) + "</a>";
        const std::string sidecar = e.sidecar_rel.empty() ? "" : "<a href=\"" + href(e.sidecar_rel) + "\">sidecar</a>";
        rows += "<tr><td>" + html(r.date) + "</td><td>" + html(clock_time(r.start())) + "</td><td>" + html(r.room) +
                "</td><td>" + link + "</td><td>" + html(r.speaker_line()) + "</td><td>" + minutes(r.duration_s) +
                "</td><td>" + mib(r.file_bytes) + "</td><td class=\"" + (e.verified ? "ok\">verified" : "bad\">" + html(e.problem)) +
                "</td><td>" + sidecar + "</td></tr>\n";
    }
    write_file(dir / "manifest.csv", table);
    write_file(dir / "manifest.json",
               nlohmann::json{{"schema", "lectern.export/1"}, {"title", title}, {"recordings", items}}.dump(2) + "\n");
    write_file(dir / "index.html",
               "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title) +
                   "</title>\n<style>body{font-family:sans-serif;margin:2em;color:#1b2430}"
                   "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4em .6em;"
                   "border-bottom:1px solid #d8dde3}th{background:#eef1f4}.ok{color:#1d7a3a}.bad{color:#b3261e}"
                   "</style></head>\n<body><h1>" + html(title) + "</h1>\n<p>" + std::to_string(report.recordings.size()) +
                   " recordings; every copy marked verified matches the SHA-256 in its sidecar "
                   "(<a href=\"manifest.csv\">manifest.csv</a>, <a href=\"manifest.json\">manifest.json</a>).</p>\n"
                   "<table><thead><tr><th>Date</th><th>Start</th><th>Room</th><th>Title</th><th>Speakers</th>"
                   "<th>Duration</th><th>Size</th><th>Copy</th><th></th></tr></thead><tbody>\n" +
                   rows + "</tbody></table></body></html>\n");
}

}  // namespace lectern
