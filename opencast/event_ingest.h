// Ingest of finished recordings into their scheduled Opencast events, on a thread of its own
// ("lectern-oc-ingest") so that a long upload never delays the agent's state reports or calendar.
// Each recording: state uploading, ingest through upload/opencast_target (createMediaPackage, the
// event's catalogs, the track, the sidecar, ingest with workflowInstanceId = the event's UID), then
// upload_finished, or upload_error after the last of a few attempts.
#pragma once

#include "opencast_client.h"
#include "scheduled_event.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lectern {

struct FinishedCapture {
    std::string media_path, sidecar_path;
    ScheduledEvent event;
};

// Each recording handed to the ingest is written down beside it (`<media>.opencast`, JSON: the event
// and the sidecar's path) until Opencast took it, so that a stop or a crash before then loses no
// ingest: the next start finds the notes and ingests again. A recording whose attempts all failed
// keeps its note too and is tried again at the next start.
std::vector<FinishedCapture> pending_ingests(const std::string& recordings_dir);

class EventIngest {
public:
    // on_change: called on the ingest thread after each recording (busy() may have changed).
    EventIngest(OpencastClient client, std::function<void()> on_change);
    ~EventIngest();

    void submit(FinishedCapture capture);
    bool busy() const { return pending_ > 0; }  // queued or running
    // Lets queued and running ingests finish for up to `limit`, then stops the thread.
    void stop(std::chrono::seconds limit);

private:
    void run();
    std::string ingest(const FinishedCapture& capture);  // "" or why it failed
    bool ingest_with_retries(const FinishedCapture& capture);
    bool gave_up() const {
        return stopping_ && std::chrono::steady_clock::now().time_since_epoch().count() >= give_up_;
    }

    OpencastClient client_;
    std::function<void()> on_change_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<FinishedCapture> queue_;
    // Atomics: an upload in progress reads them through its progress callback to abort at the limit.
    std::atomic<bool> stopping_{false};
    std::atomic<std::chrono::steady_clock::rep> give_up_{std::chrono::steady_clock::time_point::max().time_since_epoch().count()};
    std::atomic<int> pending_{0};
    std::thread thread_;
};

}  // namespace lectern
