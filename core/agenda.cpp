#include "agenda.h"

#include <algorithm>
#include <cctype>

namespace lectern {

const char* to_string(ItemKind kind) {
    switch (kind) {
        case ItemKind::Speech: return "speech";
        case ItemKind::Panel: return "panel";
        case ItemKind::Discussion: return "discussion";
        case ItemKind::Break: return "break";
        case ItemKind::Ceremony: return "ceremony";
    }
    return "speech";
}

const Speaker* Agenda::speaker(const std::string& id) const {
    for (const auto& s : speakers)
        if (s.id == id) return &s;
    return nullptr;
}

const Room* Agenda::room(const std::string& id) const {
    for (const auto& r : rooms)
        if (r.id == id) return &r;
    return nullptr;
}

std::vector<const AgendaItem*> Agenda::items_in(const std::string& room_id) const {
    std::vector<const AgendaItem*> out;
    for (const auto& item : items)
        if (item.room_id == room_id) out.push_back(&item);
    return out;
}

NowNext now_next(const Agenda& agenda, const std::string& room_id, TimePoint t) {
    NowNext result;
    for (const auto& item : agenda.items) {
        if (item.room_id != room_id) continue;
        // Items are sorted by start, so the last match is the latest started one.
        if (item.is_on(t)) result.now = &item;
    }
    for (const auto& item : agenda.items) {
        if (item.room_id != room_id || &item == result.now) continue;
        if (item.start >= t) {
            result.next = &item;
            break;
        }
    }
    return result;
}

DayPhase day_phase(const Agenda& agenda, TimePoint t) {
    if (agenda.items.empty()) return DayPhase::Empty;
    TimePoint last_end = agenda.items.front().end;
    for (const auto& item : agenda.items) last_end = std::max(last_end, item.end);
    if (t < agenda.items.front().start) return DayPhase::BeforeFirst;
    if (t >= last_end) return DayPhase::AfterLast;
    return DayPhase::During;
}

// Lower-cases ASCII and drops spaces, hyphens and dots; other UTF-8 bytes pass unchanged,
// so Chinese matches by exact characters.
std::string fold_for_search(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (c == ' ' || c == '-' || c == '.' || c == '\t') continue;
        out += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    }
    return out;
}

std::vector<SpeakerSlot> find_slots(const Agenda& agenda, const std::string& query) {
    std::vector<SpeakerSlot> out;
    const std::string q = fold_for_search(query);
    if (q.empty()) return out;
    for (const auto& item : agenda.items) {
        auto consider = [&](const std::string& id, bool presiding) {
            const Speaker* s = agenda.speaker(id);
            if (!s) return;
            if (fold_for_search(s->name).find(q) == std::string::npos && fold_for_search(s->native_name).find(q) == std::string::npos) return;
            for (const auto& seen : out)
                if (seen.speaker == s && seen.item == &item) return;
            out.push_back({s, &item, presiding});
        };
        for (const auto& id : item.speaker_ids) consider(id, false);
        if (!item.presider_id.empty()) consider(item.presider_id, true);
    }
    return out;
}

std::string speaker_line(const Agenda& agenda, const AgendaItem& item) {
    std::string line;
    for (const auto& id : item.speaker_ids) {
        const Speaker* s = agenda.speaker(id);
        if (!s) continue;
        if (!line.empty()) line += ", ";
        line += s->name;
        if (!s->native_name.empty()) line += " " + s->native_name;
    }
    return line;
}

void move_agenda(Agenda& agenda, seconds by) {
    for (auto& item : agenda.items) {
        item.start += by;
        item.end += by;
    }
    agenda.moved_by += by;
}

}  // namespace lectern
