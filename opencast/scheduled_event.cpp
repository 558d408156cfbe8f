#include "scheduled_event.h"

#include "encoding.h"

#include <libical/ical.h>
#include <pugixml.hpp>

#include <cstring>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace lectern {
namespace {

using IcalPtr = std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)>;

// ATTACH;ENCODING=BASE64 data (libical has unfolded it): a catalog, far below this limit.
constexpr size_t kMaxAttachmentText = 16 << 20;

std::string x_parameter(icalproperty* p, const char* name) {
    for (icalparameter* q = icalproperty_get_first_parameter(p, ICAL_X_PARAMETER); q;
         q = icalproperty_get_next_parameter(p, ICAL_X_PARAMETER))
        if (icalparameter_get_xname(q) && strcasecmp(icalparameter_get_xname(q), name) == 0 && icalparameter_get_xvalue(q))
            return icalparameter_get_xvalue(q);
    return "";
}

TimePoint instant(const icaltimetype& t) {
    const icaltimezone* zone = t.zone ? t.zone : icaltimezone_get_utc_timezone();
    return TimePoint{seconds{icaltime_as_timet_with_zone(t, zone)}};
}

std::string trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t\r");
    const size_t b = s.find_last_not_of(" \t\r");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

void read_attachments(icalcomponent* ev, ScheduledEvent& e) {
    for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_ATTACH_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_ATTACH_PROPERTY)) {
        icalattach* attach = icalproperty_get_attach(p);
        if (!attach || icalattach_get_is_url(attach) || !icalattach_get_data(attach)) continue;
        const std::string data = base64_decode(reinterpret_cast<const char*>(icalattach_get_data(attach)), kMaxAttachmentText);
        const std::string file = x_parameter(p, "X-APPLE-FILENAME");
        if (file == "episode.xml") e.episode_xml = data, read_episode_catalog(data, e);
        else if (file == "series.xml") e.series_xml = data;
        else if (file == "org.opencastproject.capture.agent.properties") read_agent_properties(data, e);
    }
}

}  // namespace

void read_episode_catalog(const std::string& xml, ScheduledEvent& into) {
    pugi::xml_document doc;
    if (!doc.load_string(xml.c_str())) return;  // a catalog we cannot read still goes to Opencast unchanged
    for (pugi::xml_node n : doc.document_element().children()) {
        std::string name = n.name();
        name = name.substr(name.find(':') + 1);
        const std::string value = trim(n.text().get());
        if (value.empty()) continue;
        if (name == "title") into.title = value;
        else if (name == "creator") into.creators.push_back(value);
        else if (name == "isPartOf") into.series_id = value;
    }
}

void read_agent_properties(const std::string& properties, ScheduledEvent& into) {
    static const std::string definition = "org.opencastproject.workflow.definition";
    static const std::string config = "org.opencastproject.workflow.config.";
    std::istringstream lines(properties);
    for (std::string line; std::getline(lines, line);) {
        line = trim(line);
        const size_t eq = line.find('=');
        if (line.empty() || line[0] == '#' || line[0] == '!' || eq == std::string::npos) continue;
        const std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
        if (key == definition) into.workflow_definition = value;
        else if (key.rfind(config, 0) == 0 && key.size() > config.size()) into.workflow_config.emplace_back(key.substr(config.size()), value);
    }
}

std::vector<ScheduledEvent> read_opencast_calendar(const std::string& ics) {
    IcalPtr root(icalparser_parse_string(ics.c_str()), icalcomponent_free);
    if (!root || icalcomponent_isa(root.get()) != ICAL_VCALENDAR_COMPONENT)
        throw std::runtime_error("the Opencast calendar is not iCalendar (no BEGIN:VCALENDAR … END:VCALENDAR)");
    std::vector<ScheduledEvent> events;
    for (icalcomponent* ev = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT)) {
        const icaltimetype start = icalcomponent_get_dtstart(ev), end = icalcomponent_get_dtend(ev);
        if (!icalcomponent_get_uid(ev) || icaltime_is_null_time(start) || icaltime_is_null_time(end)) continue;
        ScheduledEvent e;
        e.uid = icalcomponent_get_uid(ev);
        e.summary = icalcomponent_get_summary(ev) ? icalcomponent_get_summary(ev) : "";
        e.start = instant(start);
        e.end = instant(end);
        read_attachments(ev, e);
        if (e.title.empty()) e.title = e.summary;
        events.push_back(std::move(e));
    }
    return events;
}

}  // namespace lectern
