#include "capture_agent.h"

#include "sidecar.h"
#include "url_redaction.h"

#include <pthread.h>

#include <cstdio>

namespace lectern {
namespace {

// A scheduled event that ended this long ago without being recorded, or whose recording stopped
// this long ago without a finished file, is reported as capture_error.
constexpr seconds kCaptureGrace{60};

void log_line(const char* priority, const std::string& text) {
    std::fprintf(stderr, "%slectern: opencast: %s\n", priority, text.c_str());
}

std::string agent_name_of(const LecternConfig& c) { return c.opencast.agent_name.empty() ? c.kiosk.id : c.opencast.agent_name; }

TargetSecret secret_of(const LecternConfig& c) {
    return Secrets::load(expand_home(c.upload.secrets_file)).get(c.opencast.secret);
}

}  // namespace

CaptureAgent::CaptureAgent(const LecternConfig& config, const Clock& clock)
    : config_(config.opencast),
      agent_(agent_name_of(config)),
      clock_(clock),
      client_(config.opencast, agent_, secret_of(config)),
      cache_(config.opencast.cache_dir.empty() ? default_agenda_cache_dir() : config.opencast.cache_dir,
             config.opencast.url + "/recordings/calendars?agentid=" + agent_),
      started_(clock.now()),
      schedule_(std::make_shared<const OpencastSchedule>(empty_schedule(agent_))) {
    if (!client_.secret().present())
        log_line("<4>", "no user and password in secret \"" + config_.secret + "\"; Opencast will refuse the agent");
    if (auto copy = cache_.load(); copy && take_calendar(copy->body)) {
        cached_ = *copy;
        cached_.body.clear();
        log_line("<6>", "using the cached calendar until Opencast answers");
    }
    ingest_ = std::make_unique<EventIngest>(client_, [this] {
        std::lock_guard lock(mutex_);
        ingest_changed_ = true;
        wake_.notify_all();
    });
    for (FinishedCapture& left : pending_ingests(resolved_output_dir(config.media))) {
        log_line("<5>", "ingesting " + left.media_path + " into event " + left.event.uid + " again (not done before the last stop)");
        tracked_[left.event.uid].finished = true;
        ingest_->submit(std::move(left));
    }
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "lectern-oc-agent");
        run();
    });
}

CaptureAgent::~CaptureAgent() { stop(seconds{0}); }

std::shared_ptr<const Agenda> CaptureAgent::agenda() const { return schedule()->agenda; }

std::shared_ptr<const OpencastSchedule> CaptureAgent::schedule() const {
    std::lock_guard lock(mutex_);
    return schedule_;
}

std::string CaptureAgent::problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
}

void CaptureAgent::observe_recording(const std::string& item_id) {
    std::lock_guard lock(mutex_);
    if (recording_ == item_id) return;
    recording_ = item_id;
    wake_.notify_all();
}

void CaptureAgent::recording_finished(const std::string& media_path, const std::string& sidecar_path) {
    std::lock_guard lock(mutex_);
    finished_.emplace_back(media_path, sidecar_path);
    wake_.notify_all();
}

void CaptureAgent::stop(std::chrono::seconds uploads) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
        wake_.notify_all();
    }
    if (thread_.joinable()) thread_.join();  // the last step handed every finished file to the ingest
    if (ingest_) ingest_->stop(uploads);
}

void CaptureAgent::set_problem(const std::string& why) {
    std::lock_guard lock(mutex_);
    if (!why.empty() && why != problem_) log_line("<4>", why);  // once per problem, not once per retry
    problem_ = why;
}

void CaptureAgent::run() {
    for (;;) {
        step(clock_.now());
        std::unique_lock lock(mutex_);
        if (stopping_) break;
        wake_.wait_for(lock, std::chrono::seconds{1},
                       [&] { return stopping_ || ingest_changed_ || recording_ != seen_recording_ || !finished_.empty(); });
        ingest_changed_ = false;
    }
    step(clock_.now());  // files finished while stopping still go to the ingest
}

bool CaptureAgent::reachable(TimePoint now) {
    if (client_.endpoints().complete()) return true;
    if (now < next_discovery_) return false;
    next_discovery_ = now + seconds{std::min(config_.update_seconds, 10)};
    if (std::string why = client_.discover(); !why.empty()) return set_problem(why), false;
    log_line("<6>", "capture-admin at " + redact_url(client_.endpoints().capture_admin) + ", ingest at " +
                        redact_url(client_.endpoints().ingest));
    return true;
}

void CaptureAgent::step(TimePoint now) {
    const bool online = reachable(now);
    std::string recording;
    std::deque<std::pair<std::string, std::string>> finished;
    {
        std::lock_guard lock(mutex_);
        recording = recording_;
        finished.swap(finished_);
    }
    if (online) follow_recording(now, recording);  // else seen later, when Opencast answers
    // Finished files go to the ingest (and its note) even while Opencast is away: nothing is lost.
    for (const auto& [media, sidecar] : finished) take_finished(media, sidecar, online);
    if (!online) return;
    report_errors(now);
    report_agent_state(now >= next_heartbeat_);
    if (now >= next_heartbeat_) next_heartbeat_ = now + seconds{config_.update_seconds};
    if (now >= next_calendar_ && recording.empty()) refresh_calendar(now);  // as pyCA: not while capturing
}

void CaptureAgent::refresh_calendar(TimePoint now) {
    next_calendar_ = now + seconds{config_.update_seconds};
    CalendarFetch got = client_.fetch_calendar(cached_.etag, cached_.last_modified, now);
    if (got.outcome == CalendarFetch::Outcome::Failed) return set_problem(got.error);
    cached_.confirmed_at = now;
    if (got.outcome == CalendarFetch::Outcome::NotModified) {
        cache_.confirm(cached_);
        return set_problem("");
    }
    if (!take_calendar(got.body)) return;
    cached_ = CachedCopy{got.body, got.etag, got.last_modified, now};
    if (std::string why = cache_.store(cached_); !why.empty()) log_line("<4>", why);
    cached_.body.clear();
    set_problem("");
}

bool CaptureAgent::take_calendar(const std::string& body) {
    try {
        auto fresh = std::make_shared<const OpencastSchedule>(schedule_from_calendar(body, agent_));
        log_line("<6>", "calendar: " + std::to_string(fresh->events.size()) + " scheduled event(s)");
        std::lock_guard lock(mutex_);
        schedule_ = std::move(fresh);
        return true;
    } catch (const std::exception& e) {
        set_problem(std::string("the Opencast calendar cannot be used, keeping the last good one: ") + e.what());
        return false;
    }
}

void CaptureAgent::follow_recording(TimePoint now, const std::string& recording) {
    if (recording == seen_recording_) return;
    if (auto old = tracked_.find(seen_recording_); old != tracked_.end()) old->second.stopped = now;
    seen_recording_ = recording;
    std::shared_ptr<const OpencastSchedule> schedule = this->schedule();
    const ScheduledEvent* event = recording.empty() ? nullptr : schedule->event(recording);
    if (!event || tracked_[recording].capturing) return;
    tracked_[recording].capturing = true;
    tracked_[recording].event = *event;
    report_agent_state(false);
    log_line("<6>", "capturing event " + recording);
    if (std::string why = client_.set_recording_state(recording, "capturing"); !why.empty()) set_problem(why);
}

void CaptureAgent::take_finished(const std::string& media_path, const std::string& sidecar_path, bool online) {
    std::string item_id;
    try {
        item_id = read_sidecar(sidecar_path).item_id;
    } catch (const std::exception& e) {
        return log_line("<4>", std::string("a finished recording cannot be matched to an event: ") + e.what());
    }
    Tracked& t = tracked_[item_id];
    std::shared_ptr<const OpencastSchedule> schedule = this->schedule();
    const ScheduledEvent* event = t.event ? &*t.event : schedule->event(item_id);
    // One ingest per event: a second file of the same event (a technician's split) stays local.
    if (!event || t.finished || t.reported_error) return;
    t.finished = true;
    if (online)
        if (std::string why = client_.set_recording_state(item_id, "capture_finished"); !why.empty()) set_problem(why);
    ingest_->submit(FinishedCapture{media_path, sidecar_path, *event});
    if (online) report_agent_state(false);  // uploading
}

void CaptureAgent::report_errors(TimePoint now) {
    // An event is ours once its start passes while Opencast still schedules it (a cancelled one never
    // is); kept from then on, since a calendar fetched after its end no longer lists it.
    for (const auto& e : schedule()->events)
        if (e.start <= now && e.end > started_ && !tracked_[e.uid].event) tracked_[e.uid].event = e;
    for (auto it = tracked_.begin(); it != tracked_.end();) {
        Tracked& t = it->second;
        if (!t.event) {
            ++it;
            continue;
        }
        if ((t.finished || t.reported_error) && now > t.event->end + std::chrono::hours{24}) {
            it = tracked_.erase(it);
            continue;
        }
        const std::string& uid = it->first;
        const bool never_started = !t.capturing && now >= t.event->end + kCaptureGrace;
        const bool no_file = t.capturing && t.stopped && now >= *t.stopped + kCaptureGrace;
        if (!t.finished && !t.reported_error && (never_started || no_file)) {
            t.reported_error = true;
            log_line("<3>", "event " + uid + (never_started ? " was not recorded" : " left no finished file"));
            if (std::string why = client_.set_recording_state(uid, "capture_error"); !why.empty()) set_problem(why);
        }
        ++it;
    }
}

void CaptureAgent::report_agent_state(bool always) {
    // A recording that stopped is still being captured until its file is finished (the finalizer).
    bool capturing = !seen_recording_.empty();
    for (const auto& [id, t] : tracked_) capturing |= t.capturing && !t.finished && !t.reported_error;
    const std::string state = capturing ? "capturing" : ingest_->busy() ? "uploading" : "idle";
    if (!always && state == agent_state_sent_) return;
    if (std::string why = client_.set_agent_state(state); !why.empty()) return set_problem(why);
    if (state != agent_state_sent_) log_line("<6>", "agent state " + state);
    agent_state_sent_ = state;
}

}  // namespace lectern
