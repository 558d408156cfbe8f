#include "event_ingest.h"

#include "opencast_target.h"
#include "sidecar.h"

#include <pthread.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace lectern {
namespace {

constexpr int kAttempts = 3;
constexpr std::chrono::seconds kRetryAfter{15};  // times the attempt number

void log_line(const char* priority, const std::string& text) {
    std::fprintf(stderr, "%slectern: opencast: %s\n", priority, text.c_str());
}

// Not .json: the archive takes every *.json in the recordings folder for a sidecar.
std::string note_path(const std::string& media_path) { return media_path + ".opencast"; }

void write_note(const FinishedCapture& c) {
    const nlohmann::json note = {{"media", c.media_path}, {"sidecar", c.sidecar_path}, {"uid", c.event.uid},
                                 {"title", c.event.title}, {"workflow_definition", c.event.workflow_definition},
                                 {"workflow_config", c.event.workflow_config}, {"episode_xml", c.event.episode_xml},
                                 {"series_xml", c.event.series_xml}};
    const std::string path = note_path(c.media_path), part = path + ".part";
    { std::ofstream(part, std::ios::trunc) << note.dump(); }
    std::error_code ec;
    std::filesystem::rename(part, path, ec);  // whole or not at all
    if (ec) log_line("<4>", "cannot write " + path + " (" + ec.message() + "); a restart would not ingest this recording again");
}

}  // namespace

std::vector<FinishedCapture> pending_ingests(const std::string& recordings_dir) {
    std::vector<FinishedCapture> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(recordings_dir, ec)) {
        if (!entry.path().string().ends_with(".opencast")) continue;
        try {
            const auto note = nlohmann::json::parse(std::ifstream(entry.path()));
            FinishedCapture c{note.at("media"), note.at("sidecar"), {}};
            c.event.uid = note.at("uid");
            c.event.title = note.value("title", "");
            c.event.workflow_definition = note.value("workflow_definition", "");
            c.event.workflow_config = note.value("workflow_config", std::vector<std::pair<std::string, std::string>>{});
            c.event.episode_xml = note.value("episode_xml", "");
            c.event.series_xml = note.value("series_xml", "");
            if (std::filesystem::exists(c.media_path)) out.push_back(std::move(c));
        } catch (const std::exception& e) {
            log_line("<4>", "ignoring " + entry.path().string() + ": " + e.what());
        }
    }
    return out;
}

EventIngest::EventIngest(OpencastClient client, std::function<void()> on_change)
    : client_(std::move(client)), on_change_(std::move(on_change)) {
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "lectern-oc-ingest");
        run();
    });
}

EventIngest::~EventIngest() { stop(std::chrono::seconds{0}); }

void EventIngest::submit(FinishedCapture capture) {
    write_note(capture);
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(capture));
    ++pending_;
    wake_.notify_all();
}

void EventIngest::stop(std::chrono::seconds limit) {
    {
        std::lock_guard lock(mutex_);
        give_up_ = (std::chrono::steady_clock::now() + limit).time_since_epoch().count();
        stopping_ = true;
        wake_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
}

void EventIngest::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty() || gave_up()) return;
        FinishedCapture next = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        ingest_with_retries(next);
        --pending_;
        on_change_();
        lock.lock();
    }
}

bool EventIngest::ingest_with_retries(const FinishedCapture& capture) {
    const std::string& id = capture.event.uid;
    // This thread's own client: the first time it learns every endpoint, later only the ingest
    // service, which may move between recordings (the capture-agent guide).
    if (!client_.endpoints().complete()) client_.discover();
    if (std::string why = client_.set_recording_state(id, "uploading"); !why.empty()) log_line("<4>", why);
    for (int attempt = 1;; ++attempt) {
        if (attempt > 1 || !client_.endpoints().complete()) client_.discover();
        else client_.refresh_ingest();
        const std::string why = ingest(capture);
        if (why.empty()) {
            log_line("<6>", "ingested " + capture.media_path + " into event " + id);
            if (std::string w = client_.set_recording_state(id, "upload_finished"); !w.empty()) log_line("<4>", w);
            std::filesystem::remove(note_path(capture.media_path));
            return true;
        }
        log_line("<3>", "ingest of event " + id + " failed (attempt " + std::to_string(attempt) + " of " +
                            std::to_string(kAttempts) + "): " + why);
        std::unique_lock lock(mutex_);
        if (attempt == kAttempts || wake_.wait_for(lock, kRetryAfter * attempt, [&] { return gave_up(); })) {
            lock.unlock();
            // The file stays on disk (and in the local archive): staff can ingest it by hand.
            if (std::string w = client_.set_recording_state(id, "upload_error"); !w.empty()) log_line("<4>", w);
            return false;
        }
    }
}

std::string EventIngest::ingest(const FinishedCapture& capture) {
    UploadAttempt a;
    try {
        a.sidecar = read_sidecar(capture.sidecar_path);
        a.media_path = capture.media_path;
        a.media_size = static_cast<int64_t>(std::filesystem::file_size(capture.media_path));
    } catch (const std::exception& e) {
        return e.what();
    }
    const std::filesystem::path media(capture.media_path);
    a.remote_key = media.stem().string();
    a.media_extension = media.extension().string();
    a.progress = [this](int64_t) { return !gave_up(); };
    OpencastScheduledIngest event{capture.event.uid, capture.event.workflow_definition, capture.event.workflow_config, {}};
    if (!capture.event.episode_xml.empty()) event.catalogs.emplace_back("dublincore/episode", capture.event.episode_xml);
    if (!capture.event.series_xml.empty()) event.catalogs.emplace_back("dublincore/series", capture.event.series_xml);
    auto target = make_scheduled_opencast_target(client_.ingest_target(), client_.secret(), std::move(event));
    UploadResult r = target->upload(a);
    return r ? "" : r.error().message;
}

}  // namespace lectern
