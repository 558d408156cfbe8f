#include "recording_correction.h"

#include "remux.h"
#include "sha256.h"
#include "sidecar.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace lectern {

namespace {

bool same_speakers(const std::vector<RecordingSpeaker>& a, const std::vector<RecordingSpeaker>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].native_name != b[i].native_name || a[i].affiliation != b[i].affiliation) return false;
    return true;
}

bool ends_with(const std::string& s, const std::string& end) {
    return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

RecordingMeta with_correction(RecordingMeta meta, const RecordingMeta& correction) {
    meta.title = correction.title;
    meta.speakers = correction.speakers;
    meta.note = correction.note;
    return meta;
}

bool same_correction(const RecordingMeta& a, const RecordingMeta& b) {
    return a.title == b.title && a.note == b.note && same_speakers(a.speakers, b.speakers);
}

tl::expected<void, std::string> rewrite_pending_records(const std::string& folder, const RecordingMeta& correction) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string path = entry.path().string();
        if (!ends_with(path, ".recording.json")) continue;
        auto pending = read_pending(path);
        if (!pending || pending->meta.item_id != correction.item_id || same_correction(pending->meta, correction)) continue;
        const RecordingMeta meta = with_correction(pending->meta, correction);
        if (auto ok = write_file_atomically(path, pending_json(meta, pending->actual_start, pending->first_frame).dump(2)); !ok)
            return tl::unexpected("the correction of " + correction.item_id + " did not reach " + path + ": " + ok.error());
    }
    if (ec) return tl::unexpected("cannot look into " + folder + " (" + ec.message() + ") to correct " + correction.item_id);
    return {};
}

tl::expected<bool, std::string> correct_finished(const FinishedRecording& recording, const RecordingMeta& correction) {
    nlohmann::json sidecar = nlohmann::json::parse(std::ifstream(recording.sidecar_path), nullptr, false);
    auto facts = read_pending(recording.sidecar_path);  // the sidecar carries the same meta fields
    if (!sidecar.is_object() || !facts) return tl::unexpected("cannot read " + recording.sidecar_path + " to correct it");
    if (facts->meta.item_id != correction.item_id || same_correction(facts->meta, correction)) return false;
    const RecordingMeta meta = with_correction(facts->meta, correction);

    std::string tags_problem;
    if (sidecar.value("faststart", true)) {
        if (auto copied = remux_to_faststart(recording.media_path, recording.media_path, mp4_tags(meta, facts->actual_start)); copied) {
            std::error_code ec;
            sidecar["size_bytes"] = static_cast<int64_t>(fs::file_size(recording.media_path, ec));
            sidecar["sha256"] = sha256_file(recording.media_path);
        } else {
            tags_problem = copied.error();
        }
    }
    const nlohmann::json fields = pending_json(meta, facts->actual_start, 0);
    for (const char* key : {"title", "speakers", "note"}) sidecar[key] = fields[key];
    if (auto ok = write_file_atomically(recording.sidecar_path, sidecar.dump(2) + "\n"); !ok)
        return tl::unexpected("the correction of " + correction.item_id + " did not reach " + recording.sidecar_path + ": " + ok.error());
    if (!tags_problem.empty())
        return tl::unexpected("the sidecar of " + recording.media_path + " has the correction, its MP4 tags do not: " + tags_problem);
    return true;
}

}  // namespace lectern
