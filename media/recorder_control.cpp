#include "recorder_control.h"

#include <stdexcept>

namespace lectern {

RecordingMeta meta_from_plan(const RecordingPlan& plan, const std::string& kiosk_id, const std::string& time_zone) {
    RecordingMeta meta;
    meta.event = plan.event;
    meta.room = plan.room;
    meta.item_id = plan.item_id;
    meta.title = plan.title;
    meta.note = plan.note;
    for (const Speaker& s : plan.speakers) meta.speakers.push_back({s.name, s.native_name, s.affiliation});
    meta.scheduled_start = plan.scheduled_start;
    meta.scheduled_end = plan.scheduled_end;
    meta.kiosk_id = kiosk_id;
    meta.time_zone = time_zone;
    return meta;
}

RecordingMeta meta_for_item(const Agenda& agenda, const AgendaItem& item, const std::string& kiosk_id) {
    return meta_from_plan(plan_for_item(agenda, item), kiosk_id, agenda.event.time_zone);
}

MediaRecorderControl::MediaRecorderControl(Recorder& recorder, std::string kiosk_id, std::string time_zone)
    : recorder_(recorder), kiosk_id_(std::move(kiosk_id)), time_zone_(std::move(time_zone)) {}

void MediaRecorderControl::start(const RecordingPlan& plan) {
    auto id = recorder_.request_start(meta_from_plan(plan, kiosk_id_, time_zone_));
    if (!id) throw std::runtime_error(id.error());
    current_file_ = *id;
}
void MediaRecorderControl::stop() { recorder_.stop(); }
void MediaRecorderControl::pause() { recorder_.pause(); }
void MediaRecorderControl::resume() { recorder_.resume(); }
void MediaRecorderControl::split(const RecordingPlan& next) {
    current_file_ = recorder_.split(meta_from_plan(next, kiosk_id_, time_zone_));
}
void MediaRecorderControl::correct(const RecordingPlan& corrected) {
    recorder_.correct(meta_from_plan(corrected, kiosk_id_, time_zone_));
}

RecorderActivity MediaRecorderControl::activity() const {
    const RecorderStatus s = recorder_.status();
    if (s.commands_done < recorder_.last_command()) return RecorderActivity::Pending;
    switch (s.state) {
        case RecorderState::Recording: return RecorderActivity::Recording;
        case RecorderState::Paused: return RecorderActivity::Paused;
        case RecorderState::Idle:
        case RecorderState::Failed: return RecorderActivity::Stopped;
    }
    return RecorderActivity::Pending;
}

}  // namespace lectern
