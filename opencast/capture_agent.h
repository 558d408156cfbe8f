// Lectern as an Opencast capture agent (what pyCA does): finds Opencast's services, registers the
// agent and keeps its state current (idle, capturing, uploading), takes the schedule from the
// agent's calendar (conditional GET, last good copy on disk) and publishes it as the agenda the
// headless recorder follows, reports each scheduled recording's state (capturing, capture_finished
// or capture_error) and hands finished files to EventIngest.
// Threads: "lectern-oc-agent" does all of this; the recorder's loop only calls the cheap methods
// below (a mutex and a notify), so no network wait ever reaches the recording path.
#pragma once

#include "agenda_cache.h"
#include "clock.h"
#include "event_ingest.h"
#include "lectern_config.h"
#include "opencast_client.h"
#include "opencast_schedule.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace lectern {

class CaptureAgent {
public:
    // Reads the secret named by opencast.secret; starts the threads. The cached calendar (if any)
    // is the agenda until Opencast answers.
    CaptureAgent(const LecternConfig& config, const Clock& clock);
    ~CaptureAgent();
    CaptureAgent(const CaptureAgent&) = delete;
    CaptureAgent& operator=(const CaptureAgent&) = delete;

    const std::string& room() const { return agent_; }  // the one room of agenda(): the agent's name
    std::shared_ptr<const Agenda> agenda() const;
    std::string problem() const;  // the last failure talking to Opencast; "" while all is well

    // From the recorder's loop, each turn: the agenda item being recorded ("" = none).
    void observe_recording(const std::string& item_id);
    // From the recorder's loop: a file was finished and written (its sidecar names the item).
    void recording_finished(const std::string& media_path, const std::string& sidecar_path);
    // Hands the last finished files to the ingest, lets ingests finish for up to `uploads`, stops the threads.
    void stop(std::chrono::seconds uploads);

private:
    struct Tracked {
        bool capturing = false, finished = false, reported_error = false;
        std::optional<TimePoint> stopped;
        std::optional<ScheduledEvent> event;  // kept from capturing on: a calendar refreshed after the
                                              // event's end no longer lists it
    };

    void run();
    bool reachable(TimePoint now);  // knows Opencast's endpoints (asks the registry when due)
    void step(TimePoint now);
    void refresh_calendar(TimePoint now);
    bool take_calendar(const std::string& body);
    void follow_recording(TimePoint now, const std::string& recording);
    void take_finished(const std::string& media_path, const std::string& sidecar_path, bool online);
    void report_errors(TimePoint now);
    void report_agent_state(bool always);
    void set_problem(const std::string& why);
    std::shared_ptr<const OpencastSchedule> schedule() const;

    OpencastConfig config_;
    std::string agent_;
    const Clock& clock_;
    OpencastClient client_;
    AgendaCache cache_;
    CachedCopy cached_;  // validators of the calendar shown (body not kept)
    TimePoint started_;

    mutable std::mutex mutex_;  // guards the fields below it
    std::condition_variable wake_;
    std::shared_ptr<const OpencastSchedule> schedule_;
    std::string problem_;
    std::string recording_;  // latest observed
    std::deque<std::pair<std::string, std::string>> finished_;
    bool stopping_ = false;
    bool ingest_changed_ = false;

    // Agent thread only.
    std::map<std::string, Tracked> tracked_;
    std::string seen_recording_;
    std::string agent_state_sent_;
    bool registered_ = false;
    TimePoint next_calendar_{}, next_heartbeat_{}, next_discovery_{};

    std::unique_ptr<EventIngest> ingest_;
    std::thread thread_;
};

}  // namespace lectern
