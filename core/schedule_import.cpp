#include "schedule_import.h"

#include "agenda_file.h"
#include "importers/schedule_draft.h"
#include "toml_reader.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace lectern {

const char* to_string(ScheduleFormat format) {
    switch (format) {
        case ScheduleFormat::LecternToml: return "Lectern TOML";
        case ScheduleFormat::FrabXml: return "frab/pentabarf schedule.xml";
        case ScheduleFormat::ScheduleJson: return "schedule JSON";
        case ScheduleFormat::ICalendar: return "iCalendar";
        case ScheduleFormat::Unknown: break;
    }
    return "unknown";
}

std::optional<seconds> parse_schedule_duration(const std::string& text) {
    long parts[3] = {0, 0, 0};
    size_t count = 0, digits = 0;
    for (char c : text) {
        if (c == ':') {
            if (digits == 0 || ++count == 3) return std::nullopt;
            digits = 0;
        } else if (c >= '0' && c <= '9' && digits < 6) {
            parts[count] = parts[count] * 10 + (c - '0');
            ++digits;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0) return std::nullopt;
    if (count == 1) return std::chrono::hours{parts[0]} + minutes{parts[1]};
    if (count == 2) return std::chrono::days{parts[0]} + std::chrono::hours{parts[1]} + minutes{parts[2]};
    return std::nullopt;
}

namespace {

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

bool contains_ci(std::string_view text, std::string_view needle) {
    return std::search(text.begin(), text.end(), needle.begin(), needle.end(),
                       [](char a, char b) { return std::tolower(a) == std::tolower(b); }) != text.end();
}

}  // namespace

DetectedFormat detect_schedule_format(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    const std::string_view head = text.substr(0, 4096);
    if (text.empty()) return {ScheduleFormat::Unknown, "an empty file"};
    if (starts_with_ci(text, "BEGIN:VCALENDAR")) return {ScheduleFormat::ICalendar, ""};
    if (head.substr(0, 5) == "%PDF-") return {ScheduleFormat::Unknown, "a PDF document"};
    if (head.find('\0') != std::string_view::npos) return {ScheduleFormat::Unknown, "a binary file"};
    if (text.front() == '<') {
        if (contains_ci(head, "<!doctype html") || contains_ci(head, "<html")) return {ScheduleFormat::Unknown, "an HTML page"};
        if (head.find("<schedule") != std::string_view::npos) return {ScheduleFormat::FrabXml, ""};
        return {ScheduleFormat::Unknown, "an XML document without a <schedule> root"};
    }
    if (text.front() == '{') return {ScheduleFormat::ScheduleJson, ""};
    if (text.front() == '[') {
        // A TOML table header ("[event]") or a JSON list.
        const size_t close = head.find(']');
        const std::string_view name = head.substr(1, close == std::string_view::npos ? 0 : close - 1);
        const bool toml_header = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '[' || c == ' ' || c == '"';
        });
        return toml_header ? DetectedFormat{ScheduleFormat::LecternToml, ""} : DetectedFormat{ScheduleFormat::Unknown, "a JSON list"};
    }
    // TOML starts with a comment or "key = value"; anything else is plain text.
    const std::string_view first_line = text.substr(0, text.find('\n'));
    if (text.front() == '#' || (first_line.find('=') != std::string_view::npos && std::isalpha(static_cast<unsigned char>(text.front()))))
        return {ScheduleFormat::LecternToml, ""};
    return {ScheduleFormat::Unknown, "plain text"};
}

Agenda import_schedule(const std::string& text, const std::string& name) {
    const DetectedFormat found = detect_schedule_format(text);
    switch (found.format) {
        case ScheduleFormat::LecternToml: return load_agenda_text(text, name);
        case ScheduleFormat::FrabXml: return import_frab_xml(text, name);
        case ScheduleFormat::ScheduleJson: return import_schedule_json(text, name);
        case ScheduleFormat::ICalendar: return import_icalendar(text, name);
        case ScheduleFormat::Unknown: break;
    }
    throw InputError({{name, 0, 0, "",
                       "not a schedule Lectern reads: this looks like " + found.looks_like +
                           "; Lectern reads Lectern TOML, frab/pentabarf schedule.xml, schedule JSON (v1 and v2) and iCalendar (.ics)"}});
}

std::string read_schedule_file(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError({{file, 0, 0, "", "cannot be read; check the path and its permissions"}});
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<size_t>(in.gcount()));
        if (text.size() > kMaxScheduleBytes)
            throw InputError({{file, 0, 0, "", "is larger than " + std::to_string(kMaxScheduleBytes >> 20) + " MB; that is no conference programme"}});
    }
    return text;
}

Agenda import_schedule_json_file(const std::string& file) { return import_schedule_json(read_schedule_file(file), file); }

}  // namespace lectern
