#include "auto_record.h"

namespace lectern {

AutoStep next_auto_step(const Agenda& agenda, const std::string& room_id, TimePoint now, seconds pad_before,
                        seconds pad_after, const std::string& recording_item_id) {
    const AgendaItem* current = nullptr;
    const AgendaItem* due = nullptr;  // the latest-starting item whose padded window holds now
    for (const AgendaItem* item : agenda.items_in(room_id)) {
        if (item->id == recording_item_id) current = item;
        if (item->kind == ItemKind::Break) continue;
        if (item->start - pad_before <= now && now < item->end + pad_after && (!due || item->start >= due->start))
            due = item;
    }
    if (!current) {
        if (!recording_item_id.empty()) return due ? AutoStep{AutoAction::Split, due} : AutoStep{AutoAction::Stop, nullptr};
        return due ? AutoStep{AutoAction::Start, due} : AutoStep{};
    }
    bool current_open = now < current->end + pad_after;
    if (due && due != current && due->start > current->start) {
        // The next speech's padding overlaps this one's: switch at its scheduled start.
        if (now >= due->start || !current_open) return {AutoAction::Split, due};
        return {};
    }
    if (!current_open) return {AutoAction::Stop, nullptr};
    return {};
}

RecordingMeta meta_for_item(const Agenda& agenda, const AgendaItem& item, const std::string& kiosk_id) {
    RecordingMeta meta;
    meta.event = agenda.event.name;
    meta.time_zone = agenda.event.time_zone;
    meta.kiosk_id = kiosk_id;
    const Room* room = agenda.room(item.room_id);
    meta.room = room ? room->name : item.room_id;
    meta.item_id = item.id;
    meta.title = item.title;
    meta.scheduled_start = item.start;
    meta.scheduled_end = item.end;
    for (const auto& id : item.speaker_ids)
        if (const Speaker* s = agenda.speaker(id)) meta.speakers.push_back({s->name, s->native_name, s->affiliation});
    return meta;
}

}  // namespace lectern
