#include "status_collector.h"

#include "disk_watch.h"
#include "media_config.h"
#include "url_redaction.h"

#include <filesystem>

namespace lectern {
namespace {

constexpr double kSilenceDbfs = -50;  // peaks below this are no speech (as the console's meter)

int64_t unix_of(TimePoint t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); }

std::string speaker_names(const Agenda& agenda, const AgendaItem& item) {
    std::string names;
    for (const auto& id : item.speaker_ids)
        if (const Speaker* s = agenda.speaker(id)) names += (names.empty() ? "" : ", ") + s->name;
    return names;
}

std::optional<ItemSummary> summary(const Agenda& agenda, const AgendaItem* item) {
    if (!item) return std::nullopt;
    return ItemSummary{item->id, item->title, speaker_names(agenda, *item), item->start, item->end};
}

}  // namespace

StationInputs recorder_inputs(const RecorderOpener& recorder, const UploadService* uploads) {
    StationInputs in;
    in.recorder_open = recorder.is_open();
    in.recorder_problem = recorder.problem();
    in.recorder = recorder.recorder().status();
    in.audio = recorder.recorder().audio_levels();
    if (uploads) in.uploads = uploads->view();
    return in;
}

StatusCollector::StatusCollector(const LecternConfig& config, std::string room_id)
    : config_(config), room_id_(std::move(room_id)) {}

StationStatus StatusCollector::collect(const StationInputs& in, TimePoint now) {
    const auto steady = std::chrono::steady_clock::now();
    StationStatus s;
    s.kiosk_id = config_.kiosk.id;
    s.room = room_id_;
    s.version = LECTERN_VERSION;
    s.now = now;
    s.uptime_seconds = std::chrono::duration<double>(steady - started_).count();
    s.recorder_open = in.recorder_open;
    s.recorder = in.recorder;
    s.audio = in.audio;
    s.uploads = in.uploads;

    // Opening takes a moment, and a kiosk opens its recorder only once a screen or command needs it:
    // neither is an error. A recorder that failed to open is.
    if (!in.recorder_open && !in.recorder_problem.empty()) s.state = "error", s.reason = in.recorder_problem;
    else if (!in.recorder_open)
        s.state = "idle", s.reason = in.recorder_wanted ? "opening the recorder" : "the recorder opens when a screen or a command needs it";
    else if (in.recorder.state == RecorderState::Failed) s.state = "error", s.reason = in.recorder.message;
    else if (in.recorder.state == RecorderState::Recording) s.state = "recording", s.reason = in.recorder.message;
    else if (in.recorder.state == RecorderState::Paused) s.state = "paused", s.reason = in.recorder.message;
    else s.state = "idle", s.reason = in.recorder.message;

    for (const auto& c : in.audio.channels)
        if (c.peak_dbfs > kSilenceDbfs) last_heard_ = steady;
    s.silence_seconds = std::chrono::duration<double>(steady - last_heard_).count();

    if (steady - disk_checked_ >= std::chrono::seconds(1)) {
        // Before the recorder first opens, its folder may not exist yet: the disk it will be on is
        // the one of its nearest existing parent.
        std::filesystem::path folder = resolved_output_dir(config_.media);
        std::error_code ec;
        while (folder.has_relative_path() && !std::filesystem::exists(folder, ec)) folder = folder.parent_path();
        disk_free_ = free_bytes(folder.string());
        disk_checked_ = steady;
    }
    s.disk_free_bytes = disk_free_;
    s.disk_stop_bytes = static_cast<int64_t>(config_.media.disk_stop_mb) * 1024 * 1024;
    double kbps = in.recorder.bitrate_kbps > 0 ? in.recorder.bitrate_kbps
                  : config_.media.video_bitrate_kbps > 0 ? config_.media.video_bitrate_kbps + config_.media.audio_bitrate_kbps
                                                         : 0;
    if (disk_free_ >= 0 && kbps > 0)
        s.recording_seconds_left = std::max<double>(0, static_cast<double>(disk_free_ - s.disk_stop_bytes)) / (kbps * 1000 / 8);

    // A job seen turning Done is a success now; jobs already done at the first look are history.
    for (const auto& job : in.uploads.jobs)
        if (job.state == JobState::Done && done_jobs_.insert(job.id).second && primed_) last_success_unix_ = unix_of(now);
    primed_ = true;
    s.upload_last_success_unix = last_success_unix_;

    if (in.agenda != seen_agenda_) agenda_loaded_unix_ = unix_of(now), seen_agenda_ = in.agenda;
    s.agenda_loaded_unix = in.agenda_confirmed ? unix_of(*in.agenda_confirmed) : agenda_loaded_unix_;
    s.agenda_source = config_.opencast.enabled() ? "opencast"
                      : !config_.agenda.url.empty() ? redact_url(config_.agenda.url)  // a token in it must not reach the status
                      : config_.agenda.file.empty() ? "demo"
                                                    : config_.agenda.file;
    s.agenda_problem = in.agenda_problem;
    if (in.agenda) {
        LiveSession none;
        const LiveSession& live = in.controller ? in.controller->live() : none;
        s.current = summary(*in.agenda, current_item(*in.agenda, room_id_, live, now));
        s.next = summary(*in.agenda, now_next(*in.agenda, room_id_, now).next);
    }
    return s;
}

}  // namespace lectern
