#!/usr/bin/env python3
"""A stand-in for Opencast, for Lectern's tests: NOT Opencast (which cannot run here). It implements
the documented capture-agent and ingest endpoints Lectern calls, checks each request's method, path,
auth and form fields against Opencast's REST documentation and the capture-agent guide, and keeps
what it received so the tests can compare bytes, metadata and the order of states:
  GET  /services/available.json?serviceType=org.opencastproject.{capture.admin,scheduler,ingest}
  POST /capture-admin/agents/{name}        state (an AgentState), address (optional)
  POST /capture-admin/recordings/{id}      state (a RecordingState); id = a scheduled event's UID
  GET  /recordings/calendars?agentid=NAME[&cutoff=MS]   iCalendar, ETag / If-None-Match -> 304
  GET  /ingest/createMediaPackage             -> <mediapackage id=…>
  POST /ingest/addDCCatalog   mediaPackage, dublinCore, flavor=dublincore/episode|series
  POST /ingest/addTrack       mediaPackage, flavor=presenter/source, BODY (file)
  POST /ingest/addAttachment  mediaPackage, flavor, BODY (file)
  POST /ingest/ingest/{workflow}  mediaPackage  -> <wf:workflow id=…>
  POST /ingest/ingest   mediaPackage, workflowDefinitionId, workflowInstanceId (a scheduled UID),
                        the event's workflow properties; any other field is refused (400), so the
                        capture-agent guide's misspelling "workfloeInstanceId" cannot pass unnoticed
                        (real Opencast takes it as a workflow property and leaves the media unlinked)
  GET  /test/state            -> JSON of every media package (for the tests)
  GET  /test/agent            -> JSON: agent states, each recording's states, refused requests
Basic or digest auth (--auth) with --user/--password. A request out of order answers 400 with the
reason, as a strict server would; a known path with the wrong method answers 405.
Usage: opencast_standin.py --port P --store DIR [--agent NAME --event-in S --event-length S]"""
import argparse
import email
import email.policy
import hashlib
import http.server
import json
import os
import re
import threading
import uuid
import base64
import time
import urllib.parse
import xml.etree.ElementTree as ET

import opencast_calendar as cal

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--store", required=True)
p.add_argument("--user", default="lectern")
p.add_argument("--password", default="oc-pass")
p.add_argument("--auth", choices=["basic", "digest"], default="basic")
p.add_argument("--agent", default="lectern-agent", help="the capture agent the event is scheduled for")
p.add_argument("--event-in", type=float, help="schedule one event this many seconds after start")
p.add_argument("--event-length", type=float, default=4)
p.add_argument("--workflow", default="fast")
ARGS = p.parse_args()
STATE = {}  # id -> dict
STARTED = time.time()
EVENTS = [cal.ScheduledEvent(ARGS.agent, STARTED + ARGS.event_in, ARGS.event_length, ARGS.workflow,
                             {"straightToPublishing": "true"})] if ARGS.event_in is not None else []
AGENT = {"agent_states": [], "agents": [], "recording_states": {}, "calendar_requests": 0, "not_modified": 0,
         "refused": [], "ingests": [], "events": [{"uid": e.uid, "start": e.start, "end": e.end, "title": e.title,
                                                  "workflow": e.workflow, "config": e.config} for e in EVENTS]}
SERVICES = {"org.opencastproject.capture.admin": "/capture-admin", "org.opencastproject.scheduler": "/recordings",
            "org.opencastproject.ingest": "/ingest"}
LOCK = threading.RLock()  # refuse() records under it, also from handlers that hold it
NS = "http://mediapackage.opencastproject.org"
NONCE = uuid.uuid4().hex


def mp_xml(mp_id):
    s = STATE[mp_id]
    parts = ['<mediapackage xmlns="%s" id="%s" start="%s">' % (NS, mp_id, s["start"])]
    parts.append("<media>%s</media>" % "".join('<track id="%s" type="%s"><url>%s</url></track>' % (t["id"], t["flavor"], t["name"]) for t in s["tracks"]))
    parts.append("<metadata>%s</metadata>" % "".join('<catalog id="%s" type="%s"/>' % (c["id"], c["flavor"]) for c in s["catalogs"]))
    parts.append("<attachments>%s</attachments>" % "".join('<attachment id="%s" type="%s"/>' % (a["id"], a["flavor"]) for a in s["attachments"]))
    parts.append("</mediapackage>")
    return "".join(parts)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        print("%s %s" % (self.address_string(), fmt % args), flush=True)

    def reply(self, status, body, ctype="text/xml"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if status == 401 and ARGS.auth == "digest":
            self.send_header("WWW-Authenticate", 'Digest realm="Opencast", nonce="%s", qop="auth", algorithm=MD5' % NONCE)
        elif status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="Opencast"')
        self.end_headers()
        self.wfile.write(data)

    def authorized(self):
        if ARGS.auth == "digest":
            return self.digest_ok()
        want = "Basic " + base64.b64encode(("%s:%s" % (ARGS.user, ARGS.password)).encode()).decode()
        return self.headers.get("Authorization") == want

    def digest_ok(self):
        """RFC 2617 digest with qop=auth, as Opencast answers requests sent with X-Requested-Auth: Digest."""
        header = self.headers.get("Authorization", "")
        if not header.startswith("Digest ") or self.headers.get("X-Requested-Auth") != "Digest":
            return False
        fields = dict((k.strip(), v.strip().strip('"')) for k, v in re.findall(r'(\w+)=("[^"]*"|[^,]+)', header[7:]))
        md5 = lambda s: hashlib.md5(s.encode()).hexdigest()
        ha1 = md5("%s:Opencast:%s" % (ARGS.user, ARGS.password))
        ha2 = md5("%s:%s" % (self.command, fields.get("uri", "")))
        want = md5(":".join([ha1, fields.get("nonce", ""), fields.get("nc", ""), fields.get("cnonce", ""), fields.get("qop", ""), ha2]))
        return fields.get("username") == ARGS.user and fields.get("nonce") == NONCE and fields.get("response") == want

    def form(self):
        """Multipart (what libcurl's mime API sends) or urlencoded: both reach JAX-RS @FormParam."""
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        ctype = self.headers.get("Content-Type", "")
        fields, files = {}, {}
        if ctype.startswith("application/x-www-form-urlencoded"):
            return dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True)), {}
        if not ctype.startswith("multipart/form-data"):
            return None, None
        msg = email.message_from_bytes(b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body, policy=email.policy.HTTP)
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_param("filename", header="content-disposition")
            payload = part.get_payload(decode=True)
            if filename:
                files[name] = (filename, payload)
            else:
                fields[name] = payload.decode("utf-8")
        return fields, files

    def known_package(self, fields):
        if not fields or "mediaPackage" not in fields:
            return None, "mediaPackage is missing"
        try:
            root = ET.fromstring(fields["mediaPackage"])
        except ET.ParseError as e:
            return None, "mediaPackage is not XML: %s" % e
        mp_id = root.get("id")
        if mp_id not in STATE:
            return None, "unknown media package %s" % mp_id
        return mp_id, None

    def refuse(self, status, why):
        with LOCK:
            AGENT["refused"].append({"method": self.command, "path": self.path, "status": status, "why": why})
        return self.reply(status, why, "text/plain")

    def route(self):
        """(handler, allowed methods) for a documented path, or (None, None)."""
        path = urllib.parse.urlsplit(self.path).path
        if path == "/services/available.json":
            return self.services, ("GET",)
        if re.fullmatch(r"/capture-admin/agents/[^/]+", path):
            return self.agent_state, ("POST",)
        if re.fullmatch(r"/capture-admin/recordings/[^/]+", path):
            return self.recording_state, ("POST",)
        if path == "/recordings/calendars":
            return self.calendars, ("GET",)
        if path == "/ingest/createMediaPackage":
            return self.create_media_package, ("GET", "POST")
        if path in ("/ingest/addDCCatalog", "/ingest/addTrack", "/ingest/addAttachment") or path.startswith("/ingest/ingest"):
            return self.ingest_step, ("POST",)
        return None, None

    def handle_any(self):
        if self.path.startswith("/test/"):
            with LOCK:
                data = STATE if self.path == "/test/state" else AGENT if self.path == "/test/agent" else None
                if data is not None:
                    return self.reply(200, json.dumps(data), "application/json")
        handler, methods = self.route()
        if handler is None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            return self.refuse(404, "not a documented capture-agent or ingest endpoint: %s %s" % (self.command, self.path))
        if self.command not in methods:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            return self.refuse(405, "%s takes %s, not %s" % (self.path, "/".join(methods), self.command))
        if not self.authorized():
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            return self.reply(401, "unauthorized")
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        fields, files = self.form() if self.command in ("POST", "PUT") else ({}, {})
        if fields is None:
            return self.refuse(400, "expected multipart/form-data or application/x-www-form-urlencoded")
        return handler(query, fields, files)

    do_GET = do_POST = do_PUT = handle_any

    def services(self, query, fields, files):
        path = SERVICES.get(query.get("serviceType"))
        if path is None:
            return self.reply(200, json.dumps({"services": {}}), "application/json")
        service = {"type": query["serviceType"], "host": "http://127.0.0.1:%d" % ARGS.port, "path": path,
                   "active": True, "online": True, "maintenance": False, "jobproducer": False}
        return self.reply(200, json.dumps({"services": {"service": service}}), "application/json")

    def agent_state(self, query, fields, files):
        name = urllib.parse.unquote(self.path.rsplit("/", 1)[1])
        state = fields.get("state")
        if state not in cal.AGENT_STATES:
            return self.refuse(400, "state must be one of %s, not %r" % (sorted(cal.AGENT_STATES), state))
        unknown = set(fields) - {"state", "address"}
        if unknown:
            return self.refuse(400, "unknown form fields %s" % sorted(unknown))
        with LOCK:
            AGENT["agents"].append(name)
            if not AGENT["agent_states"] or AGENT["agent_states"][-1] != state:
                AGENT["agent_states"].append(state)  # transitions: a heartbeat repeats the state
        return self.reply(200, "%s set to %s" % (name, state), "text/plain")

    def recording_state(self, query, fields, files):
        rec_id = urllib.parse.unquote(self.path.rsplit("/", 1)[1])
        state = fields.get("state")
        if state not in cal.RECORDING_STATES:
            return self.refuse(400, "state must be one of %s, not %r" % (sorted(cal.RECORDING_STATES), state))
        if rec_id not in {e.uid for e in EVENTS}:
            return self.refuse(404, "no recording with id %s is scheduled" % rec_id)
        with LOCK:
            AGENT["recording_states"].setdefault(rec_id, []).append(state)
        return self.reply(200, "%s set to %s" % (rec_id, state), "text/plain")

    def calendars(self, query, fields, files):
        agent = query.get("agentid")
        if not agent:
            return self.refuse(400, "agentid is required")
        events = [e for e in EVENTS if e.agent == agent and e.end > time.time()]
        if "cutoff" in query:
            if not query["cutoff"].isdigit():
                return self.refuse(400, "cutoff must be milliseconds since the epoch")
            events = [e for e in events if e.start * 1000 <= int(query["cutoff"])]
        text, etag = cal.calendar(events, STARTED)
        with LOCK:
            AGENT["calendar_requests"] += 1
            if self.headers.get("If-None-Match") == etag:
                AGENT["not_modified"] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        data = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar; charset=UTF-8")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def create_media_package(self, query, fields, files):
        mp_id = str(uuid.uuid4())
        with LOCK:
            STATE[mp_id] = {"start": "2026-01-01T00:00:00Z", "steps": ["createMediaPackage"], "catalogs": [],
                            "tracks": [], "attachments": [], "ingested": None}
            return self.reply(200, mp_xml(mp_id))

    def ingest_step(self, query, fields, files):
        with LOCK:
            mp_id, why = self.known_package(fields)
            if why:
                return self.refuse(400, why)
            s = STATE[mp_id]
            if s["ingested"]:
                return self.refuse(400, "media package already ingested")
            if self.path == "/ingest/addDCCatalog":
                if fields.get("flavor") not in ("dublincore/episode", "dublincore/series"):
                    return self.refuse(400, "flavor must be dublincore/episode or dublincore/series")
                dc = ET.fromstring(fields["dublinCore"])
                terms = {}
                for el in dc:
                    terms.setdefault(el.tag.split("}")[1], []).append(el.text)
                if not terms.get("title"):
                    return self.refuse(400, "the Dublin Core catalog has no dcterms:title")
                s["catalogs"].append({"id": str(uuid.uuid4()), "flavor": fields["flavor"], "terms": terms})
            elif self.path in ("/ingest/addTrack", "/ingest/addAttachment"):
                if "BODY" not in files:
                    return self.refuse(400, "BODY file is missing")
                if self.path == "/ingest/addTrack" and fields.get("flavor") != "presenter/source":
                    return self.refuse(400, "track flavor must be presenter/source")
                if not s["catalogs"]:
                    return self.refuse(400, "add the episode catalog before the track")
                name, data = files["BODY"]
                item_id = str(uuid.uuid4())
                path = os.path.join(ARGS.store, item_id)
                with open(path, "wb") as f:
                    f.write(data)
                item = {"id": item_id, "flavor": fields.get("flavor"), "name": name, "path": path,
                        "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                (s["tracks"] if self.path == "/ingest/addTrack" else s["attachments"]).append(item)
            else:
                return self.ingest(mp_id, s, fields)
            s["steps"].append(self.path.rsplit("/", 1)[1])
            return self.reply(200, mp_xml(mp_id))

    def ingest(self, mp_id, s, fields):
        """Called with LOCK held."""
        workflow = self.path[len("/ingest/ingest/"):] or fields.get("workflowDefinitionId") or "default"
        if self.path == "/ingest/ingest":
            instance = fields.get("workflowInstanceId")
            event = next((e for e in EVENTS if e.uid == instance), None)
            allowed = {"mediaPackage", "workflowDefinitionId", "workflowInstanceId"} | set(event.config if event else {})
            unknown = sorted(set(fields) - allowed)
            if unknown:
                return self.refuse(400, "unknown form fields %s: the scheduled event is linked by workflowInstanceId" % unknown)
            if instance is not None and event is None:
                return self.refuse(400, "workflowInstanceId %s names no scheduled event" % instance)
        if not s["tracks"] or not s["catalogs"]:
            return self.refuse(400, "nothing to ingest: a track and an episode catalog are needed")
        if self.path == "/ingest/ingest":
            AGENT["ingests"].append({"mediaPackage": mp_id, "workflowInstanceId": instance, "workflowDefinitionId":
                                     fields.get("workflowDefinitionId"), "config": {k: v for k, v in fields.items() if k not in
                                     ("mediaPackage", "workflowDefinitionId", "workflowInstanceId")}})
        s["ingested"] = workflow
        s["steps"].append("ingest")
        return self.reply(200, '<wf:workflow xmlns:wf="http://workflow.opencastproject.org" id="%d" state="RUNNING">'
                               '<wf:template>%s</wf:template>%s</wf:workflow>' % (len(STATE), workflow, mp_xml(mp_id)))


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


if __name__ == "__main__":
    os.makedirs(ARGS.store, exist_ok=True)
    print("opencast stand-in on 127.0.0.1:%d" % ARGS.port, flush=True)
    Server(("127.0.0.1", ARGS.port), Handler).serve_forever()
