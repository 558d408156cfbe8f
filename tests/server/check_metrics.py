#!/usr/bin/python3
"""Parses a /metrics answer with the Prometheus client's own text parser (python3-prometheus-client)
and checks that every metric the AV desk relies on is there with the documented type and labels.
Usage: check_metrics.py FILE. Prints `name{labels} value` lines; exits 1 naming what is missing."""
import sys
from prometheus_client.parser import text_string_to_metric_families

REQUIRED = {
    "lectern_build_info": ("gauge", {"version", "kiosk", "room"}),
    "lectern_state": ("gauge", {"state"}),
    "lectern_recording_seconds": ("gauge", set()),
    "lectern_recording_bytes": ("gauge", set()),
    "lectern_frames_dropped": ("counter", set()),
    "lectern_audio_level_dbfs": ("gauge", {"channel"}),
    "lectern_audio_silence_seconds": ("gauge", set()),
    "lectern_source_present": ("gauge", set()),
    "lectern_disk_free_bytes": ("gauge", set()),
    "lectern_recording_seconds_left": ("gauge", set()),
    "lectern_upload_queue_jobs": ("gauge", {"state"}),
    "lectern_upload_queue_bytes": ("gauge", set()),
    "lectern_uploads": ("counter", {"target", "result"}),
    "lectern_upload_last_success_timestamp_seconds": ("gauge", set()),
    "lectern_agenda_refresh_timestamp_seconds": ("gauge", set()),
}

text = open(sys.argv[1], encoding="utf-8").read()
families = {f.name: f for f in text_string_to_metric_families(text)}
problems = []
for name, (kind, labels) in REQUIRED.items():
    fam = families.get(name)
    if fam is None:
        problems.append(f"{name} is missing")
        continue
    if fam.type != kind:
        problems.append(f"{name} is a {fam.type}, expected {kind}")
    for sample in fam.samples:
        if not labels <= set(sample.labels):
            problems.append(f"{sample.name} lacks labels {labels - set(sample.labels)}")
        print(f"{sample.name}{sample.labels} {sample.value}")
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
