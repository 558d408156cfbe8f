#include "opencast_schedule.h"

#include "schedule_import.h"
#include "toml_reader.h"

#include <map>
#include <stdexcept>

namespace lectern {
namespace {

Agenda empty_agenda(const std::string& agent_name) {
    Agenda a;
    a.event.name = "Opencast schedule for " + agent_name;
    a.rooms.push_back(Room{agent_name, agent_name});
    return a;
}

}  // namespace

const ScheduledEvent* OpencastSchedule::event(const std::string& uid) const {
    for (const auto& e : events)
        if (e.uid == uid) return &e;
    return nullptr;
}

OpencastSchedule empty_schedule(const std::string& agent_name) {
    return OpencastSchedule{std::make_shared<const Agenda>(empty_agenda(agent_name)), {}};
}

OpencastSchedule schedule_from_calendar(const std::string& ics, const std::string& agent_name) {
    OpencastSchedule s;
    s.events = read_opencast_calendar(ics);
    if (s.events.empty()) return s.agenda = empty_schedule(agent_name).agenda, s;
    Agenda agenda;
    try {
        agenda = import_icalendar(ics, "the Opencast calendar");
    } catch (const InputError& e) {
        throw std::runtime_error(e.what());
    }
    // Opencast puts the agent's name in LOCATION; one room whatever it says.
    agenda.rooms = {Room{agent_name, agent_name}};
    agenda.speakers.clear();
    std::map<std::string, std::string> speaker_ids;  // creator name -> id
    for (auto& item : agenda.items) {
        item.room_id = agent_name;
        const ScheduledEvent* e = s.event(item.id);
        if (!e) continue;
        if (!e->title.empty()) item.title = e->title;
        item.speaker_ids.clear();
        for (const auto& name : e->creators) {
            auto [at, added] = speaker_ids.emplace(name, "creator-" + std::to_string(speaker_ids.size() + 1));
            if (added) agenda.speakers.push_back(Speaker{at->second, name, "", "", ""});
            item.speaker_ids.push_back(at->second);
        }
    }
    s.agenda = std::make_shared<const Agenda>(std::move(agenda));
    return s;
}

}  // namespace lectern
