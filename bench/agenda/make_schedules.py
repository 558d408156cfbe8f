#!/usr/bin/env python3
"""Writes the agenda benchmark's inputs, generated to the frab schema and RFC 5545 (no network).

  make_schedules.py OUTDIR [--events 1300] [--rooms 90] [--ics-events 1000]

OUTDIR/congress.xml: a 4-day congress as pretalx exports it (every element of frab-schedule.xml.xsd
an event carries: slug, url, abstract and description paragraphs, persons, links, recording), with
--events talks spread over --rooms rooms; about 2.3 MB at the defaults.
OUTDIR/calendar.ics: --ics-events VEVENTs in Europe/Berlin with a VTIMEZONE, LOCATION, ATTENDEEs and
a DESCRIPTION, as an Opencast or groupware export writes them.
The content is pseudo-random with a fixed seed, so every run writes the same bytes."""
import argparse
import datetime as dt
import os
import random
from xml.sax.saxutils import escape

WORDS = ("open source hardware kernel network privacy archive community energy mesh compiler rust "
         "security voting radio satellite climate data ethics freedom repair education music city "
         "library protocol cryptography wiki map garden robot sensor federated decentral").split()


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def frab(rng, events, rooms):
    days = 4
    per_room_day = -(-events // (rooms * days))  # ceiling
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<schedule>', '  <generator name="pretalx" version="2024.1.0"/>',
           '  <version>0.42 "bench"</version>', '  <conference>', '    <acronym>bench24</acronym>',
           '    <title>Benchmark Congress 2024</title>', '    <start>2024-12-27</start>', '    <end>2024-12-30</end>',
           f'    <days>{days}</days>', '    <timeslot_duration>00:05</timeslot_duration>',
           '    <base_url>https://pretalx.example.org/bench24/schedule/</base_url>',
           '    <time_zone_name>Europe/Berlin</time_zone_name>', '  </conference>']
    made = 0
    for d in range(days):
        date = dt.date(2024, 12, 27) + dt.timedelta(days=d)
        out.append(f'  <day index="{d + 1}" date="{date}" start="{date}T10:00:00+01:00" end="{date + dt.timedelta(days=1)}T03:00:00+01:00">')
        for r in range(rooms):
            out.append(f'    <room name="Room {r + 1:02d}" guid="room-{r:04d}">')
            start = dt.datetime(date.year, date.month, date.day, 10, 30)
            for _ in range(per_room_day):
                if made == events:
                    break
                made += 1
                minutes = rng.choice((20, 30, 40, 60))
                title = escape(sentence(rng, rng.randint(3, 9))[:-1])
                speakers = [rng.randrange(4000) for _ in range(rng.randint(1, 3))]
                persons = "".join(f'<person id="{p}" guid="p-{p:05d}">Speaker {p} Example</person>' for p in speakers)
                out += [f'      <event guid="ev-{made:05d}" id="{10000 + made}">',
                        f'        <date>{start.isoformat()}+01:00</date>', f'        <start>{start:%H:%M}</start>',
                        f'        <duration>00:{minutes:02d}</duration>' if minutes < 60 else '        <duration>01:00</duration>',
                        f'        <room>Room {r + 1:02d}</room>', f'        <slug>bench24-{made}-talk</slug>',
                        f'        <url>https://pretalx.example.org/bench24/talk/T{made:05d}/</url>',
                        '        <recording><license></license><optout>false</optout></recording>',
                        f'        <title>{title}</title>', '        <subtitle></subtitle>',
                        f'        <track>{rng.choice(WORDS).title()}</track>', '        <type>Talk</type>',
                        f'        <language>{rng.choice(("en", "de"))}</language>',
                        f'        <abstract>{escape(paragraph(rng, 5))}</abstract>',
                        f'        <description>{escape(paragraph(rng, 4))}</description>',
                        '        <logo></logo>', f'        <persons>{persons}</persons>',
                        f'        <links><link href="https://example.org/{made}">Slides</link></links>',
                        '        <attachments></attachments>', '      </event>']
                start += dt.timedelta(minutes=minutes + 10)
            out.append('    </room>')
        out.append('  </day>')
    out.append('</schedule>')
    return "\n".join(out) + "\n"


def folded(line):
    """RFC 5545 3.1: lines longer than 75 octets continue on the next line after a space."""
    parts = []
    while len(line) > 75:
        parts.append(line[:75])
        line = " " + line[75:]
    return "\r\n".join(parts + [line])


def ics(rng, events, rooms):
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Lectern//bench//EN", "X-WR-CALNAME:Benchmark Calendar",
           "X-WR-TIMEZONE:Europe/Berlin", "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
           "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
           "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT", "BEGIN:STANDARD", "TZOFFSETFROM:+0200",
           "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
           "END:STANDARD", "END:VTIMEZONE"]
    for n in range(events):
        room = n % rooms
        day = dt.datetime(2024, 5, 6) + dt.timedelta(days=(n // rooms) // 10)
        start = day + dt.timedelta(hours=9, minutes=50 * ((n // rooms) % 10))
        out += ["BEGIN:VEVENT", f"UID:ev-{n:05d}@bench.example.org", "DTSTAMP:20240401T120000Z",
                f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}", f"DURATION:PT{rng.choice((30, 40, 45))}M",
                f"SUMMARY:{sentence(rng, rng.randint(3, 8))[:-1]}", f"LOCATION:Lecture Hall {room + 1}",
                f"ATTENDEE;CN=Speaker {rng.randrange(900)} Example:mailto:s{n}@example.org",
                f"DESCRIPTION:{paragraph(rng, 2)}", "END:VEVENT"]
    out.append("END:VCALENDAR")
    return "\r\n".join(folded(line) for line in out) + "\r\n"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("outdir")
    p.add_argument("--events", type=int, default=1300)
    p.add_argument("--rooms", type=int, default=90)
    p.add_argument("--ics-events", type=int, default=1000)
    a = p.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    rng = random.Random(2024)
    for name, text in (("congress.xml", frab(rng, a.events, a.rooms)), ("calendar.ics", ics(rng, a.ics_events, 20))):
        path = os.path.join(a.outdir, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        print(f"{path}: {len(text.encode()) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
