// Opencast's calendar for this agent as the agenda the headless recorder follows: the events read
// by the core's iCalendar importer, all in one room named after the agent, titled and credited from
// their episode catalogs; with the events themselves (attachments, workflow) for the ingest.
#pragma once

#include "agenda.h"
#include "scheduled_event.h"

#include <memory>
#include <string>
#include <vector>

namespace lectern {

struct OpencastSchedule {
    std::shared_ptr<const Agenda> agenda;
    std::vector<ScheduledEvent> events;

    const ScheduledEvent* event(const std::string& uid) const;
};

// Throws std::runtime_error naming the problem when the calendar cannot be used.
OpencastSchedule schedule_from_calendar(const std::string& ics, const std::string& agent_name);
// No event scheduled (yet): one empty room named after the agent.
OpencastSchedule empty_schedule(const std::string& agent_name);

}  // namespace lectern
