// The capture threads: each reads and decodes one source, hands pictures to the bounded queue
// and sound to the audio buffer and meter, and reconnects with backoff. Each keeps the
// Recorder's state alive, so that close() can leave behind one stuck in a read that never returns.
#include "recorder_impl.h"

#include <cstdio>
#include <pthread.h>

using namespace std::chrono_literals;

namespace lectern {
namespace {

void sleep_unless(const std::atomic<bool>& quit, std::chrono::steady_clock::duration d) {
    for (auto end = std::chrono::steady_clock::now() + d; !quit && std::chrono::steady_clock::now() < end;)
        std::this_thread::sleep_for(50ms);
}

}  // namespace

void Recorder::Impl::start_capture(const std::shared_ptr<Impl>& self, std::unique_ptr<CaptureInput> input, int role) {
    auto returned = std::make_shared<std::promise<void>>();
    CaptureThread t{{}, returned->get_future(), input->spec().what};
    t.thread = std::thread([self, input = std::move(input), role, returned]() mutable {
        self->capture_loop(std::move(input), role);
        returned->set_value();
    });
    self->threads.push_back(std::move(t));
}

// libavdevice's PulseAudio read waits for a packet without looking at the interrupt callback: a
// source that sends nothing (a stalled or suspended microphone) would hold close() forever. The
// files are finished by now; a thread still reading after kCaptureJoinSeconds is left behind
// with the state it needs, and ends (quit is set) when its read returns.
void Recorder::Impl::join_capture_threads() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kCaptureJoinSeconds);
    for (CaptureThread& t : threads) {
        if (t.done.wait_until(deadline) == std::future_status::ready) {
            t.thread.join();
        } else {
            std::fprintf(stderr,
                         "lectern: %s did not come back from a read within %d s of closing; closed without it (it "
                         "ends when the source sends again or goes away; check the source: a suspended or stalled "
                         "device)\n",
                         t.what.c_str(), kCaptureJoinSeconds);
            t.thread.detach();
        }
    }
    threads.clear();
}

void Recorder::Impl::set_source_problem(int role, std::string problem) {
    std::lock_guard lock(source_mutex);
    source_problem[role] = std::move(problem);
}

void Recorder::Impl::capture_loop(std::unique_ptr<CaptureInput> input, int role) {
    pthread_setname_np(pthread_self(), role == 0 ? "lectern-capture" : "lectern-audio");
    const SourceSpec spec = input->spec();
    auto backoff = std::chrono::steady_clock::duration(1s);
    while (!quit) {
        if (!input) {
            input = std::make_unique<CaptureInput>(spec, format, quit);
            if (auto ok = input->open(); !ok) {
                input.reset();
                set_source_problem(role, ok.error() + "; trying again in " +
                                             std::to_string(std::chrono::duration_cast<std::chrono::seconds>(backoff).count()) + " s");
                sleep_unless(quit, backoff);
                backoff = std::min<std::chrono::steady_clock::duration>(backoff * 2, 30s);
                continue;
            }
        }
        set_source_problem(role, "");
        if (role == 0) video_ok = true;
        backoff = 1s;
        bool ended_for_good = pump(*input, role);
        if (role == 0) video_ok = false;
        std::string why = input->error().empty() ? spec.what + " stopped" : input->error();
        input.reset();
        if (quit) break;
        if (ended_for_good || !spec.reconnect) {
            set_source_problem(role, spec.what + " has ended");
            return;
        }
        set_source_problem(role, why + "; reconnecting");
        sleep_unless(quit, backoff);
    }
}

// Reads until the source ends or fails; true when it ended and will not come back.
bool Recorder::Impl::pump(CaptureInput& input, int role) {
    const bool live = input.spec().live;
    const bool network = input.spec().arrival_stamps;
    constexpr double kNetworkWait = 1.0;
    const int64_t generation = role == 0 ? ++input_generation : 0;
    av::FramePtr frame;
    while (!quit) {
        switch (input.read(frame)) {
            case CaptureInput::Read::Video: {
                ++frames_captured;
                CapturedFrame captured{std::move(frame), input.last_video_time(), generation,
                                       input.last_capture_time()};
                if (live && network && !input.from_backlog()) {
                    // A network stream's frames wait in its buffer while this thread waits: one read
                    // less than a second after it was captured may wait for room until then. Dropped
                    // at once, the frames that came in while the held first second was handed over
                    // (below) found the queue full: 1 to 10 of them (logged, 320x240, load 9).
                    const auto deadline = std::chrono::steady_clock::now() +
                                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                              std::chrono::duration<double>(input.last_capture_time() + kNetworkWait -
                                                                            SourceClock::steady_now()));
                    if (!video_queue.push_until(captured, deadline)) {
                        if (quit) return true;
                        ++dropped_frames;
                    }
                } else if (live && !input.from_backlog()) {
                    // A device cannot wait: when the queue is full the frame is dropped, counted.
                    if (!video_queue.try_push(std::move(captured))) ++dropped_frames;
                } else if (!video_queue.push(std::move(captured))) {
                    // A file, a generator, or an RTSP camera's held first second (1.2 s and more,
                    // read in one burst, larger than the one-second queue): wait for room.
                    return true;
                }
                break;
            }
            case CaptureInput::Read::Audio:
                meter.add(frame.get());
                audio.push(frame.get(), input.last_capture_time());
                break;
            case CaptureInput::Read::Again: std::this_thread::sleep_for(5ms); break;
            case CaptureInput::Read::End: return !input.spec().reconnect;
            case CaptureInput::Read::Failed: return false;
        }
    }
    return true;
}

}  // namespace lectern
