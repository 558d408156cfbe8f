// Opening a source and reading its stream information within a deadline. A source that takes the
// connection and then sends nothing (an RTSP camera whose stream is off, a microphone nobody feeds)
// held Recorder::open() for ever: avformat_find_stream_info waits for the first packets.
#pragma once

#include "av_ptr.h"
#include "sources/source.h"

#include <atomic>
#include <string>

namespace lectern {

struct ProbeOutcome {
    av::InputFormatPtr input;  // set when both steps succeeded
    int error = 0;             // the AVERROR of the step that failed
    bool opened = false;       // avformat_open_input succeeded (the failure, if any, is the probe's)
    bool timed_out = false;    // the deadline passed first
    bool still_waiting = false;  // an earlier probe of this source is still waiting (not started again)
};

// On the caller's thread. interrupt must end FFmpeg's waits once the deadline passes (or on stop).
ProbeOutcome probe_here(const SourceSpec& spec, const AVInputFormat* format, AVIOInterruptCB interrupt);

// On a thread of its own, for a device whose reads do not look at the interrupt callback
// (libavdevice's PulseAudio, ALSA and V4L2 wait in the device, x11grab in libxcb): waits until
// deadline (steady-clock seconds) or stop (then half a second more, for a probe that ends once told
// to give up). A probe still reading then is left behind and frees its source when its read
// returns; until then the same source is not probed again (still_waiting), so retries do not pile
// up threads. Only for AVFMT_NOFILE devices: the context's interrupt callback is handed over with
// it, and no inner I/O context keeps a copy of the probe's.
ProbeOutcome probe_on_thread(const SourceSpec& spec, const AVInputFormat* format, double deadline,
                             const std::atomic<bool>& stop);

// Probe threads not yet ended (left behind or still waited for).
int probes_running();

// Why opening failed, in words, after waiting `waited` seconds: naming the source and the fix, and
// telling a source that did not answer or sent nothing from one that refused.
std::string open_failure(const SourceSpec& spec, const ProbeOutcome& probe, double waited, bool stopped);

}  // namespace lectern
