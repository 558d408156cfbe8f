"""The schedule half of the Opencast stand-in (tests/servers/opencast_standin.py): one scheduled event
for one capture agent, as Opencast's scheduler hands it out at /recordings/calendars (iCalendar with
the episode and series Dublin Core catalogs and the capture agent properties attached in base64,
lines folded at 75 octets as RFC 5545 wants), and the states the capture-admin service accepts."""
import base64
import datetime
import hashlib

# org.opencastproject.capture.admin.api.AgentState and RecordingState.
AGENT_STATES = {"idle", "capturing", "uploading", "error", "offline", "unknown", "shutting_down"}
RECORDING_STATES = {"capturing", "capture_finished", "capture_error", "manifest", "manifest_error",
                    "manifest_finished", "compressing", "compressing_error", "uploading", "upload_finished",
                    "upload_error", "unknown"}

DC_NS = 'xmlns="http://www.opencastproject.org/xsd/1.0/dublincore/" xmlns:dcterms="http://purl.org/dc/terms/"'


def utc(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)


def ical_time(ts):
    return utc(ts).strftime("%Y%m%dT%H%M%SZ")


def w3c(ts):
    return utc(ts).strftime("%Y-%m-%dT%H:%M:%SZ")


class ScheduledEvent:
    def __init__(self, agent, start, length, workflow, config):
        self.agent = agent
        self.uid = "4f1f8e2c-9a7b-4c55-b3a2-%012d" % int(start)
        self.series = "b7c3d0f1-2222-4a4a-9e9e-0123456789ab"
        self.start, self.end = int(start), int(start + length)
        self.title = "Cell biology, lecture 3: membranes"
        self.creators = ["Prof. Ada Nakamura", "王芳"]
        self.workflow = workflow
        self.config = config  # {key: value} as org.opencastproject.workflow.config.KEY

    def episode_xml(self):
        creators = "".join("<dcterms:creator>%s</dcterms:creator>" % c for c in self.creators)
        return ('<?xml version="1.0" encoding="UTF-8"?><dublincore %s><dcterms:title>%s</dcterms:title>%s'
                '<dcterms:isPartOf>%s</dcterms:isPartOf><dcterms:identifier>%s</dcterms:identifier>'
                '<dcterms:spatial>%s</dcterms:spatial><dcterms:temporal>start=%s; end=%s; scheme=W3C-DTF;</dcterms:temporal>'
                '</dublincore>' % (DC_NS, self.title, creators, self.series, self.uid, self.agent, w3c(self.start), w3c(self.end)))

    def series_xml(self):
        return ('<?xml version="1.0" encoding="UTF-8"?><dublincore %s><dcterms:title>Cell biology 2026</dcterms:title>'
                '<dcterms:identifier>%s</dcterms:identifier></dublincore>' % (DC_NS, self.series))

    def properties(self):
        lines = ["#Capture Agent specific data", "event.title=%s" % self.title, "event.location=%s" % self.agent,
                 "org.opencastproject.workflow.definition=%s" % self.workflow]
        lines += ["org.opencastproject.workflow.config.%s=%s" % kv for kv in sorted(self.config.items())]
        lines.append("capture.device.names=presenter")
        return "\n".join(lines) + "\n"


def fold(line):
    """RFC 5545 3.1: lines longer than 75 octets continue on lines that start with a space."""
    data = line.encode()
    out = []
    while len(data) > 75:
        cut = 75 if not out else 74
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            cut -= 1
        out.append(data[:cut])
        data = data[cut:]
    out.append(data)
    return b"\r\n ".join(out).decode()


def attach(filename, fmttype, text):
    return "ATTACH;FMTTYPE=%s;VALUE=BINARY;ENCODING=BASE64;X-APPLE-FILENAME=%s:%s" % (
        fmttype, filename, base64.b64encode(text.encode()).decode())


def calendar(events, now):
    lines = ["BEGIN:VCALENDAR", "PRODID:Opencast Calendar File 0.5", "VERSION:2.0", "CALSCALE:GREGORIAN"]
    for e in events:
        lines += ["BEGIN:VEVENT", "DTSTAMP:" + ical_time(now), "DTSTART:" + ical_time(e.start), "DTEND:" + ical_time(e.end),
                  "SUMMARY:" + e.title, "UID:" + e.uid, "LAST-MODIFIED:" + ical_time(now), "DESCRIPTION:scheduled by the stand-in",
                  "LOCATION:" + e.agent, "RELATED-TO:" + e.series,
                  attach("episode.xml", "application/xml", e.episode_xml()),
                  attach("series.xml", "application/xml", e.series_xml()),
                  attach("org.opencastproject.capture.agent.properties", "application/text", e.properties()),
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    text = "\r\n".join(fold(l) for l in lines) + "\r\n"
    return text, '"%s"' % hashlib.sha256(text.encode()).hexdigest()[:32]
