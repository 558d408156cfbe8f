// The agenda model: an event with rooms, speakers and timed items, and the questions screens ask
// of it (what is on now, what is next, where is this speaker). Times are absolute instants; they are
// shown in the event's time zone.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace lectern {

using TimePoint = std::chrono::sys_seconds;
using std::chrono::minutes;
using std::chrono::seconds;

enum class ItemKind { Speech, Panel, Discussion, Break, Ceremony };
const char* to_string(ItemKind kind);

struct Speaker {
    std::string id;
    std::string name;         // in Latin script, as printed on the programme
    std::string native_name;  // in the speaker's own script (e.g. 伍建民), may be empty
    std::string affiliation;
    std::string role;
};

struct Room {
    std::string id;
    std::string name;
};

struct AgendaItem {
    std::string id;
    std::string room_id;
    TimePoint start;
    TimePoint end;
    std::string title;
    ItemKind kind = ItemKind::Speech;
    std::vector<std::string> speaker_ids;
    std::string presider_id;
    std::string note;      // a subtitle
    std::string track;     // from imported programmes; may be empty
    std::string language;  // e.g. "en"; may be empty
    bool record = true;  // false: the speaker declined recording (pretalx "do_not_record")

    bool is_on(TimePoint t) const { return start <= t && t < end; }
    seconds length() const { return end - start; }
};

// One difference between two versions of a programme, per stable item id (see agenda_diff.h).
enum class ChangeKind { Added, Cancelled, Moved, RoomChanged, SpeakersChanged, Retitled };
struct AgendaChange {
    ChangeKind kind;
    std::string item_id;
    std::string title;    // the item's title (the old one when cancelled)
    std::string detail;   // "moved 10:20 → 10:35", "room Saal 1 → Saal 2", "added Sat 14:00 in Saal 2"
    TimePoint noticed{};  // when a running kiosk saw it (zero for `agenda diff`)
    // Cancelled only: where and when the item was, so the lobby can still say so in its room.
    std::string room_id;
    TimePoint was_start{}, was_end{};
};

struct Event {
    std::string name;
    std::string venue;
    std::string time_zone = "UTC";  // IANA name, e.g. "Asia/Shanghai"
};

struct Agenda {
    Event event;
    std::vector<Room> rooms;
    std::vector<Speaker> speakers;
    std::vector<AgendaItem> items;  // sorted by start, then room
    bool demo = false;              // the embedded demo agenda
    seconds moved_by{0};            // how far the demo's times were moved to make them live
    std::vector<std::string> import_notes;  // what an importer had to guess (shown by `agenda show`)
    // Recent changes a running kiosk noticed between reloads (agenda_diff.h), with when; screens mark
    // an item while now - noticed < changes_shown_for.
    std::vector<AgendaChange> changes;
    seconds changes_shown_for{0};

    const Speaker* speaker(const std::string& id) const;
    const Room* room(const std::string& id) const;
    std::vector<const AgendaItem*> items_in(const std::string& room_id) const;
};

// What a room screen needs: the item on now (if any) and the one after it.
struct NowNext {
    const AgendaItem* now = nullptr;
    const AgendaItem* next = nullptr;
};

// The item on in a room at t (the latest started one when items overlap) and the next to start.
NowNext now_next(const Agenda& agenda, const std::string& room_id, TimePoint t);

// Where the day stands, for the sentences shown before the first and after the last item.
enum class DayPhase { BeforeFirst, During, AfterLast, Empty };
DayPhase day_phase(const Agenda& agenda, TimePoint t);

// A speaker's slot, for "find my slot".
struct SpeakerSlot {
    const Speaker* speaker;
    const AgendaItem* item;
    bool presiding;  // presides the item rather than speaking in it
};

// Speakers whose Latin or native name contains the query (case- and space-insensitive, so
// "junkai", "Li Jun" and "俊凯" all match), with their slots in time order; past slots are kept.
std::vector<SpeakerSlot> find_slots(const Agenda& agenda, const std::string& query);

// The text find_slots compares: ASCII lower-cased, spaces, hyphens and dots dropped, other
// UTF-8 unchanged. Also used by the recordings archive's search.
std::string fold_for_search(const std::string& text);

// The speakers' names of an item, "Wu Jianmin 伍建民, ..." for display.
std::string speaker_line(const Agenda& agenda, const AgendaItem& item);

// Moves every item by the same whole number of minutes; used by the demo to make times live.
void move_agenda(Agenda& agenda, seconds by);

}  // namespace lectern
