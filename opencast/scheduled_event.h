// One event Opencast scheduled for this capture agent, as its calendar (/recordings/calendars)
// describes it: the UID that names the recording in every state report and in the ingest, the
// times, and the attachments of the VEVENT: the Dublin Core episode and series catalogs and the
// capture agent properties (org.opencastproject.workflow.definition and .config.*).
#pragma once

#include "agenda.h"

#include <string>
#include <utility>
#include <vector>

namespace lectern {

struct ScheduledEvent {
    std::string uid;       // the recording id: /capture-admin/recordings/{uid}, workflowInstanceId
    std::string summary;   // SUMMARY
    TimePoint start{}, end{};
    std::string episode_xml, series_xml;  // the catalogs as Opencast sent them ("" = none)
    // From the episode catalog (pugixml): dcterms:title, dcterms:creator, dcterms:isPartOf.
    std::string title;
    std::vector<std::string> creators;
    std::string series_id;
    std::string workflow_definition;  // org.opencastproject.workflow.definition
    std::vector<std::pair<std::string, std::string>> workflow_config;  // org.opencastproject.workflow.config.KEY=VALUE
};

// Every VEVENT of an Opencast calendar (libical). Throws std::runtime_error naming the problem when
// the text is no iCalendar; an event without UID, DTSTART or DTEND is left out (it cannot be reported).
std::vector<ScheduledEvent> read_opencast_calendar(const std::string& ics);

// The parts of an episode catalog (dcterms elements, any prefix) that name the recording.
void read_episode_catalog(const std::string& xml, ScheduledEvent& into);

// A Java properties file's workflow keys (what pyCA passes on to the ingest).
void read_agent_properties(const std::string& properties, ScheduledEvent& into);

}  // namespace lectern
