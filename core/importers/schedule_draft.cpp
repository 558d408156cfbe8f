#include "schedule_draft.h"

#include "draft_time_zone.h"
#include "local_time.h"
#include "plain_text.h"

#include <date/tz.h>

#include <algorithm>
#include <map>
#include <set>

namespace lectern {

void ScheduleDraft::problem(int line, const std::string& where, const std::string& message) {
    if (problems.size() < 200) problems.push_back({source, line, line > 0 ? 1 : 0, where, message});
}

void ScheduleDraft::throw_if_problems() const {
    if (!problems.empty()) throw InputError(problems);
}

LineIndex::LineIndex(const std::string& text) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') starts_.push_back(i + 1);
}

int LineIndex::line_of(size_t offset) const {
    return static_cast<int>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin());
}

namespace {

ItemKind kind_of(std::string type) {
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    if (type.find("panel") != std::string::npos) return ItemKind::Panel;
    if (type.find("discussion") != std::string::npos || type.find("workshop") != std::string::npos) return ItemKind::Discussion;
    if (type.find("break") != std::string::npos || type.find("lunch") != std::string::npos) return ItemKind::Break;
    if (type.find("opening") != std::string::npos || type.find("closing") != std::string::npos || type.find("ceremony") != std::string::npos)
        return ItemKind::Ceremony;
    return ItemKind::Speech;
}

// One note for a quirk that many events share: "3 events ...: a, b, c".
class QuirkCount {
public:
    explicit QuirkCount(std::string what) : what_(std::move(what)) {}
    void add(const std::string& where) {
        if (++count_ <= 3) examples_ += (examples_.empty() ? "" : ", ") + where;
    }
    void note(std::vector<std::string>& notes) const {
        if (count_ == 0) return;
        notes.push_back(std::to_string(count_) + (count_ == 1 ? " event " : " events ") + what_ + " (" + examples_ +
                        (count_ > 3 ? ", …)" : ")"));
    }

private:
    std::string what_;
    std::string examples_;
    int count_ = 0;
};

std::string place(const DraftEvent& e) { return e.line > 0 ? "line " + std::to_string(e.line) : e.where; }

// Resolves local starts in the settled zone and moves day-clock times before their day's start to
// the next date.
void resolve_starts(ScheduleDraft& d, QuirkCount& after_midnight) {
    const date::time_zone* zone = date::locate_zone(d.time_zone);
    for (auto& e : d.events) {
        if (!e.start && e.local_start) e.start = date::floor<seconds>(zone->to_sys(*e.local_start, date::choose::earliest));
        if (!e.start || e.day < 0 || e.day >= static_cast<int>(d.days.size())) continue;
        const DraftDay& day = d.days[static_cast<size_t>(e.day)];
        if (!day.start || *e.start >= *day.start) continue;
        const TimePoint next = *e.start + std::chrono::hours{24};
        if (next >= *day.start && (!day.end || next < *day.end || e.from_day_clock)) {
            e.start = next;
            after_midnight.add(place(e));
        }
    }
}

}  // namespace

Agenda finish_draft(ScheduleDraft d) {
    if (d.events.size() > kMaxScheduleEvents)
        d.problem(0, "", "has " + std::to_string(d.events.size()) + " events; Lectern reads at most " + std::to_string(kMaxScheduleEvents));
    d.throw_if_problems();
    settle_time_zone(d);
    QuirkCount after_midnight("start before their day's start, so they belong to the previous conference day and are shown on the next date");
    resolve_starts(d, after_midnight);

    Agenda agenda;
    agenda.event.name = plain_text(d.title);
    if (agenda.event.name.empty()) agenda.event.name = "(untitled programme)", d.notes.push_back("the programme has no title");
    agenda.event.venue = d.venue;
    agenda.event.time_zone = d.time_zone;

    QuirkCount no_id("have no id or guid; their ids are made of room and start so that they stay the same across reloads");
    QuirkCount markup("have HTML markup or entities in their titles; shown as plain text");
    QuirkCount untitled("have no title");
    QuirkCount zero("last zero minutes");
    QuirkCount long_ones("last more than a day; check their duration");
    QuirkCount no_room("have no room; shown in \"(no room)\"");
    QuirkCount nameless("list a person without a name; left out");
    std::map<std::string, int> id_uses;
    std::set<std::string> room_names;
    for (const auto& r : d.rooms)
        if (!r.empty() && room_names.insert(r).second) agenda.rooms.push_back(Room{r, r});

    for (auto& e : d.events) {
        if (!e.start) {
            d.problem(e, "has no start time that can be read; give a date-time with offset, e.g. 2024-04-29T09:00:00+08:00");
            continue;
        }
        AgendaItem item;
        item.start = *e.start;
        if (e.end) {
            if (*e.end < *e.start) d.problem(e, "ends before it starts");
            e.duration = *e.end - *e.start;
        }
        if (!e.duration) {
            d.problem(e, "has no duration that can be read; give HH:MM (or D:HH:MM), e.g. 00:30");
            continue;
        }
        if (e.duration->count() == 0) zero.add(place(e));
        if (*e.duration > std::chrono::hours{24}) long_ones.add(place(e));
        item.end = item.start + *e.duration;
        item.room_id = plain_text(e.room);
        if (item.room_id.empty()) item.room_id = "(no room)", no_room.add(place(e));
        if (room_names.insert(item.room_id).second) agenda.rooms.push_back(Room{item.room_id, item.room_id});
        item.id = e.id;
        if (item.id.empty()) {
            item.id = item.room_id + "@" + date::format("%Y%m%dT%H%MZ", item.start);
            no_id.add(place(e));
        }
        bool changed = false;
        item.title = plain_text(e.title, &changed);
        if (changed) markup.add(place(e));
        if (item.title.empty()) item.title = "(untitled)", untitled.add(place(e));
        item.note = plain_text(e.subtitle);
        item.kind = kind_of(e.type);
        item.track = plain_text(e.track);
        item.language = e.language;
        item.record = e.record;
        for (const auto& p : e.persons) {
            const std::string name = plain_text(p.name);
            if (name.empty()) {
                nameless.add(place(e));
                continue;
            }
            const std::string id = p.id.empty() ? name : p.id;
            if (!agenda.speaker(id)) agenda.speakers.push_back(Speaker{id, name, "", "", ""});
            if (std::find(item.speaker_ids.begin(), item.speaker_ids.end(), id) == item.speaker_ids.end()) item.speaker_ids.push_back(id);
        }
        agenda.items.push_back(std::move(item));
    }
    d.throw_if_problems();
    if (agenda.items.empty()) d.problem(0, "", "has no events in any room; " + d.format + " lists them under its days"), d.throw_if_problems();

    // Repeated ids: the first keeps it, later ones get -2, -3 in file order, so reloads keep them.
    std::map<std::string, std::vector<std::string>> renamed;
    std::set<std::string> taken;
    for (const auto& item : agenda.items) taken.insert(item.id);
    for (auto& item : agenda.items) {
        int uses = ++id_uses[item.id];
        if (uses == 1) continue;
        std::string fresh;
        do fresh = item.id + "-" + std::to_string(uses++);
        while (taken.count(fresh));
        taken.insert(fresh);
        renamed[item.id].push_back(fresh);
        item.id = fresh;
    }
    for (const auto& [id, others] : renamed) {
        std::string list;
        for (const auto& o : others) list += (list.empty() ? "" : ", ") + o;
        d.notes.push_back("id " + id + " is used by " + std::to_string(others.size() + 1) + " events; the later ones are called " + list);
    }
    for (const auto* q : {&after_midnight, &no_id, &markup, &untitled, &zero, &long_ones, &no_room, &nameless}) q->note(d.notes);

    std::stable_sort(agenda.items.begin(), agenda.items.end(), [](const AgendaItem& a, const AgendaItem& b) {
        return a.start != b.start ? a.start < b.start : a.room_id < b.room_id;
    });
    agenda.import_notes = std::move(d.notes);
    return agenda;
}

}  // namespace lectern
