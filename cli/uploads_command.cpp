#include "commands.h"

#include "lectern_config.h"
#include "toml_reader.h"
#include "uploader.h"

#include <nlohmann/json.hpp>

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <ctime>
#include <iostream>
#include <optional>
#include <thread>

namespace lectern {
namespace {

const char* kUsage =
    "usage: lectern uploads list [--json]\n"
    "       lectern uploads retry|pause|cancel ID\n"
    "       lectern uploads add MEDIA SIDECAR\n"
    "       lectern uploads run [--once]\n"
    "options: --config FILE (default: embedded defaults, local archive ~/Lectern/archive)\n";

std::string human_bytes(int64_t b) {
    char buf[32];
    if (b >= (1LL << 30)) std::snprintf(buf, sizeof buf, "%.2f GiB", b / double(1LL << 30));
    else if (b >= (1 << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", b / double(1 << 20));
    else std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(b));
    return buf;
}

// What a done job's verification means for the local copy (retention needs a checksum).
std::string verification_note(VerifyGrade g) {
    switch (g) {
        case VerifyGrade::Checksum: return "verified by checksum: retention may delete the local copy";
        case VerifyGrade::Size: return "verified by size only: retention keeps the local copy (needs a checksum)";
        case VerifyGrade::Accepted: return "accepted by the server, which shows no checksum: retention keeps the local copy";
        case VerifyGrade::None: break;
    }
    return "not verified: retention keeps the local copy";
}

void print_list(const UploadQueueView& v, bool json) {
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& j : v.jobs)
            out.push_back({{"id", j.id}, {"file", j.file_name}, {"target", j.target}, {"remote_key", j.remote_key},
                           {"state", to_string(j.state)}, {"bytes_done", j.bytes_done}, {"bytes_total", j.bytes_total},
                           {"bytes_per_s", j.bytes_per_s}, {"eta_s", j.eta_s}, {"attempts", j.attempts},
                           {"next_attempt_unix", j.next_attempt_unix}, {"last_error", j.last_error},
                           {"verified", to_string(j.verified)}});
        std::cout << out.dump(2) << "\n";
        return;
    }
    if (v.jobs.empty()) {
        std::cout << "no uploads queued\n";
        return;
    }
    for (const auto& j : v.jobs) {
        int pct = j.bytes_total > 0 ? static_cast<int>(100 * j.bytes_done / j.bytes_total) : 0;
        std::printf("%4lld  %-10s %3d%%  %-16s %s / %s", static_cast<long long>(j.id), to_string(j.state), pct,
                    j.target.c_str(), human_bytes(j.bytes_done).c_str(), human_bytes(j.bytes_total).c_str());
        if (j.bytes_per_s > 0) std::printf("  %s/s", human_bytes(static_cast<int64_t>(j.bytes_per_s)).c_str());
        if (j.eta_s >= 0) std::printf("  ETA %llds", static_cast<long long>(j.eta_s));
        long long wait = j.next_attempt_unix - static_cast<long long>(std::time(nullptr));
        if (j.state == JobState::Queued && wait > 0) std::printf("  retry in %llds (attempt %d done)", wait, j.attempts);
        std::printf("  %s\n", j.file_name.c_str());
        if (!j.last_error.empty()) std::printf("      last error: %s\n", j.last_error.c_str());
        if (j.state == JobState::Done) std::printf("      %s\n", verification_note(j.verified).c_str());
    }
}

}  // namespace

int run_uploads_command(const std::vector<std::string>& args) {
    std::vector<std::string> words;
    std::optional<std::string> config_file;
    bool json = false, once = false;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--json") json = true;
        else if (args[i] == "--once") once = true;
        else if (args[i] == "--config" && i + 1 < args.size()) config_file = args[++i];
        else if (args[i] == "--help" || args[i] == "-h") { std::cout << kUsage; return 0; }
        else words.push_back(args[i]);
    }
    if (words.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    try {
        LecternConfig config = config_file ? load_config(*config_file) : LecternConfig{};
        auto queue = UploadQueue::open(expand_home(config.upload.queue_db));
        const std::string& verb = words[0];
        if (verb == "list") {
            print_list(queue->view(), json);
            return 0;
        }
        if ((verb == "retry" || verb == "pause" || verb == "cancel") && words.size() == 2) {
            int64_t id = 0;
            try { id = std::stoll(words[1]); } catch (...) {
                std::cerr << "lectern uploads " << verb << ": \"" << words[1] << "\" is not a job id; see `lectern uploads list`\n";
                return 2;
            }
            auto done = verb == "retry" ? queue->retry(id) : verb == "pause" ? queue->pause(id) : queue->cancel(id);
            if (!done) {
                std::cerr << "lectern uploads " << verb << ": " << done.error() << "\n";
                return 1;
            }
            std::cout << "job " << id << ": " << verb << " done\n";
            return 0;
        }
        if (verb == "add" && words.size() == 3) {
            auto ids = enqueue_recording(*queue, config.upload, words[1], words[2]);
            for (auto id : ids) std::cout << "queued job " << id << "\n";
            if (ids.empty()) std::cout << "already queued\n";
            return 0;
        }
        if (verb == "run") {
            Secrets secrets = Secrets::load(expand_home(config.upload.secrets_file));
            Uploader uploader(*queue, config.upload, std::move(secrets));
            if (once) {
                uploader.run_until_idle();
                int failed = 0;
                for (const auto& j : queue->view().jobs) failed += j.state == JobState::Failed;
                return failed == 0 ? 0 : 3;
            }
            // Headless recorders run this as a service: SIGTERM/SIGINT stop the transfers at the
            // next chunk and leave every job resumable (kill -9 does too, found again at start).
            sigset_t stop_signals;
            sigemptyset(&stop_signals);
            sigaddset(&stop_signals, SIGTERM);
            sigaddset(&stop_signals, SIGINT);
            pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // before start(): workers inherit it
            uploader.start();
            int signal_number = 0;
            sigwait(&stop_signals, &signal_number);
            std::cerr << "lectern uploads: stopping (" << (signal_number == SIGTERM ? "SIGTERM" : "SIGINT") << ")\n";
            uploader.stop();
            return 0;
        }
        std::cerr << kUsage;
        return 2;
    } catch (const InputError& e) {
        for (const auto& p : e.problems()) std::cerr << p.to_string() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "lectern uploads: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace lectern
