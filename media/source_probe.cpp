#include "source_probe.h"

#include "av_error.h"
#include "source_clock.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace lectern {
namespace {

ProbeOutcome probe(const SourceSpec& spec, const AVInputFormat* format, AVIOInterruptCB interrupt,
                   std::atomic<bool>* opened = nullptr) {
    ProbeOutcome out;
    av::DictionaryPtr options = av::make_dictionary({});
    for (const auto& [key, value] : spec.options) {
        AVDictionary* raw = options.release();
        av_dict_set(&raw, key.c_str(), value.c_str(), 0);
        options.reset(raw);
    }
    out.error = av::with_options(options, [&](AVDictionary** o) {
        return av::make_input(out.input, spec.url.c_str(), format, o, interrupt);
    });
    if (out.error < 0) return out;
    out.opened = true;
    if (opened) *opened = true;
    // Waits for the first packets (how many depends on the streams): the wait that had no end.
    out.error = avformat_find_stream_info(out.input.get(), nullptr);
    if (out.error < 0) out.input.reset();
    return out;
}

// A probe on its own thread, shared by the thread and the caller until one of them lets go.
struct ThreadProbe {
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false, abandoned = false;
    ProbeOutcome outcome;
    std::atomic<bool> give_up{false}, opened{false};
    double deadline = 0;

    static int interrupted(void* self) {
        auto* p = static_cast<ThreadProbe*>(self);
        return p->give_up || SourceClock::steady_now() > p->deadline ? 1 : 0;
    }
};

// Sources being probed on a thread (format and URL); one left behind stays here until its read returns.
// Never destroyed: a probe thread left behind may return after main() has (the source's read ends when
// its server goes at exit) and must not erase from a destroyed set (ASan: heap-use-after-free at exit).
std::mutex& probing_mutex = *new std::mutex;
std::set<std::string>& probing = *new std::set<std::string>;
std::atomic<int> running_probes{0};

}  // namespace

// Why opening failed, in words. A source that kept the recorder waiting a second or more and then
// gave nothing usable did not answer; one that refused at once is told apart.
std::string open_failure(const SourceSpec& spec, const ProbeOutcome& probe, double waited, bool stopped) {
    if (stopped) return spec.what + ": stopped while opening";
    const std::string& fix_silent = spec.fix_silent.empty() ? spec.fix : spec.fix_silent;
    const std::string nothing = spec.take_video ? "sent no picture" : "sent no sound";
    if (probe.still_waiting)
        return spec.what + ": " + nothing + " yet (an earlier try still waits for it); " + fix_silent;
    char within[32];
    std::snprintf(within, sizeof within, " within %.0f s", std::max(1.0, std::floor(waited)));
    // FFmpeg's RTSP reads an unanswered request's timeout as the end of the stream, and then the
    // missing reply as invalid data.
    const bool gave_nothing = probe.error == AVERROR(ETIMEDOUT) || probe.error == AVERROR_EOF || probe.error == AVERROR_INVALIDDATA;
    const bool no_answer = probe.timed_out || (gave_nothing && waited >= 1);
    if (!probe.opened) {
        if (no_answer) return spec.what + ": did not answer" + within + "; " + spec.fix;
        return spec.what + ": cannot open (" + av::error_text(probe.error) + "); " + fix_for(spec, probe.error);
    }
    if (no_answer) return spec.what + ": " + nothing + within + " of opening; " + fix_silent;
    return spec.what + ": cannot read stream information (" + av::error_text(probe.error) + "); " + spec.fix;
}

int probes_running() { return running_probes; }

ProbeOutcome probe_here(const SourceSpec& spec, const AVInputFormat* format, AVIOInterruptCB interrupt) {
    return probe(spec, format, interrupt);
}

ProbeOutcome probe_on_thread(const SourceSpec& spec, const AVInputFormat* format, double deadline,
                             const std::atomic<bool>& stop) {
    const std::string key = spec.format + " " + spec.url;
    {
        std::lock_guard lock(probing_mutex);
        if (!probing.insert(key).second) {
            ProbeOutcome busy;
            busy.still_waiting = busy.timed_out = true;
            return busy;
        }
    }
    auto shared = std::make_shared<ThreadProbe>();
    shared->deadline = deadline;
    ++running_probes;
    std::thread([shared, spec, format, key] {
        {
            ProbeOutcome out = probe(spec, format, AVIOInterruptCB{&ThreadProbe::interrupted, shared.get()}, &shared->opened);
            {
                std::lock_guard lock(probing_mutex);
                probing.erase(key);
            }
            std::lock_guard lock(shared->mutex);
            shared->done = true;
            // Left behind: out (and the source it opened) is freed here, as the thread ends.
            if (!shared->abandoned) shared->outcome = std::move(out);
            shared->finished.notify_all();
        }
        --running_probes;  // last: no FFmpeg or device library runs on this thread after it
    }).detach();

    std::unique_lock lock(shared->mutex);
    while (!shared->done && !stop && SourceClock::steady_now() < deadline)
        shared->finished.wait_for(lock, std::chrono::milliseconds(50));
    // Stopped (the recorder closes; the process may be exiting): the probe is told to give up and
    // gets a moment to end, so that a source that answers or refuses at once is not left running
    // into exit (TSan: libXau's atexit handler freed the buffer an abandoned x11grab connect wrote).
    if (!shared->done && stop) {
        shared->give_up = true;
        shared->finished.wait_for(lock, std::chrono::milliseconds(500), [&] { return shared->done; });
    }
    if (shared->done) return std::move(shared->outcome);
    shared->abandoned = true;
    shared->give_up = true;
    ProbeOutcome late;
    late.opened = shared->opened;
    late.timed_out = !stop;
    late.error = AVERROR_EXIT;
    return late;
}

}  // namespace lectern
