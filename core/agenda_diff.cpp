#include "agenda_diff.h"

#include "local_time.h"

#include <algorithm>
#include <map>
#include <set>

namespace lectern {

const char* to_string(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::Added: return "added";
        case ChangeKind::Cancelled: return "cancelled";
        case ChangeKind::Moved: return "moved";
        case ChangeKind::RoomChanged: return "room changed";
        case ChangeKind::SpeakersChanged: return "speakers changed";
        case ChangeKind::Retitled: return "retitled";
    }
    return "changed";
}

namespace {

std::string room_name(const Agenda& a, const std::string& id) {
    const Room* r = a.room(id);
    return r ? r->name : id;
}

std::string speakers_or_none(const Agenda& a, const AgendaItem& item) {
    std::string line = speaker_line(a, item);
    return line.empty() ? "nobody" : line;
}

// "10:20", or "Sat 10:20" when the two instants fall on different local days.
std::string moment(TimePoint t, TimePoint other, const std::string& zone) {
    const bool same_day = local_midnight(t, zone) == local_midnight(other, zone);
    return format_local(t, zone, same_day ? "%H:%M" : "%a %H:%M");
}

}  // namespace

std::vector<AgendaChange> diff_agendas(const Agenda& before, const Agenda& after) {
    const std::string& zone = after.event.time_zone;
    std::map<std::string, const AgendaItem*> old_items;
    for (const auto& i : before.items) old_items.emplace(i.id, &i);
    std::vector<AgendaChange> out;
    for (const auto& now : after.items) {
        auto found = old_items.find(now.id);
        if (found == old_items.end()) {
            out.push_back({ChangeKind::Added, now.id, now.title,
                           "added " + format_local(now.start, zone, "%a %H:%M") + " in " + room_name(after, now.room_id)});
            continue;
        }
        const AgendaItem& was = *found->second;
        old_items.erase(found);
        if (was.start != now.start || was.end != now.end) {
            std::string detail = "moved " + moment(was.start, now.start, zone) + " → " + moment(now.start, was.start, zone);
            if (was.length() != now.length())
                detail += " (now " + std::to_string(std::chrono::duration_cast<minutes>(now.length()).count()) + " min)";
            out.push_back({ChangeKind::Moved, now.id, now.title, detail});
        }
        if (room_name(before, was.room_id) != room_name(after, now.room_id))
            out.push_back({ChangeKind::RoomChanged, now.id, now.title,
                           "room " + room_name(before, was.room_id) + " → " + room_name(after, now.room_id)});
        if (speaker_line(before, was) != speaker_line(after, now))
            out.push_back({ChangeKind::SpeakersChanged, now.id, now.title,
                           "speakers " + speakers_or_none(before, was) + " → " + speakers_or_none(after, now)});
        if (was.title != now.title) out.push_back({ChangeKind::Retitled, now.id, now.title, "was \"" + was.title + "\""});
    }
    for (const auto& item : before.items)
        if (old_items.count(item.id))
            out.push_back({ChangeKind::Cancelled, item.id, item.title,
                           "cancelled (was " + format_local(item.start, zone, "%a %H:%M") + " in " + room_name(before, item.room_id) + ")",
                           TimePoint{}, item.room_id, item.start, item.end});
    return out;
}

void carry_changes(const Agenda& before, Agenda& after, TimePoint now, seconds shown_for) {
    after.changes = diff_agendas(before, after);
    for (auto& change : after.changes) change.noticed = now;
    std::set<std::string> ids;
    for (const auto& item : after.items) ids.insert(item.id);
    for (const auto& earlier : before.changes) {
        const bool back = earlier.kind == ChangeKind::Cancelled && ids.count(earlier.item_id);  // re-added since
        if (now - earlier.noticed < shown_for && !back) after.changes.push_back(earlier);
    }
    after.changes_shown_for = shown_for;
}

std::vector<const AgendaChange*> recent_cancellations(const Agenda& agenda, const std::string& room_id, TimePoint now) {
    std::vector<const AgendaChange*> out;
    std::set<std::string> seen;
    for (const auto& change : agenda.changes)
        if (change.kind == ChangeKind::Cancelled && change.room_id == room_id && now - change.noticed < agenda.changes_shown_for &&
            change.was_end > now && seen.insert(change.item_id).second)
            out.push_back(&change);
    std::stable_sort(out.begin(), out.end(), [](const AgendaChange* a, const AgendaChange* b) { return a->was_start < b->was_start; });
    return out;
}

std::string change_mark(const Agenda& agenda, const std::string& item_id, TimePoint now) {
    for (const auto& change : agenda.changes)
        if (change.item_id == item_id && now - change.noticed < agenda.changes_shown_for) return change.detail;
    return "";
}

}  // namespace lectern
