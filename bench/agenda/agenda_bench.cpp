// How long a big programme takes to load, how much memory the load needs on top, and what a refresh
// of an unchanged agenda.url costs. Inputs: bench/agenda/make_schedules.py DIR.
//   agenda_bench DIR [--rounds N]
#include "agenda_feed.h"
#include "clock.h"
#include "schedule_import.h"

#include <httplib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace lectern;
using Clock_ = std::chrono::steady_clock;

namespace {

long peak_rss_kb() {  // VmHWM: the process's resident high-water mark
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

double ms_since(Clock_::time_point t) { return std::chrono::duration<double, std::milli>(Clock_::now() - t).count(); }

double cpu_ms() {  // this process's CPU time: what the load costs when other work shares the cores
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// The first load in a fresh process, so that the high-water mark rises by what this load needs.
long extra_peak_kb(const std::string& text, const std::string& name) {
    int fds[2];
    if (pipe(fds) != 0) return -1;
    if (pid_t child = fork(); child == 0) {
        const long before = peak_rss_kb();
        Agenda agenda = import_schedule(text, name);
        long extra = peak_rss_kb() - before;
        (void)!write(fds[1], &extra, sizeof extra);
        _exit(agenda.items.empty() ? 1 : 0);
    } else {
        long extra = -1;
        (void)!read(fds[0], &extra, sizeof extra);
        waitpid(child, nullptr, 0);
        close(fds[0]);
        close(fds[1]);
        return extra;
    }
}

void bench_load(const std::string& path, int rounds, double goal_ms) {
    const std::string text = read_schedule_file(path);
    const long extra_kb = extra_peak_kb(text, path);
    std::vector<double> ms, cpu;
    size_t items = 0, rooms = 0;
    for (int i = 0; i < rounds; ++i) {
        const auto t = Clock_::now();
        const double c = cpu_ms();
        Agenda agenda = import_schedule(text, path);
        cpu.push_back(cpu_ms() - c);
        ms.push_back(ms_since(t));
        items = agenda.items.size();
        rooms = agenda.rooms.size();
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("%s: %.2f MB, %zu items, %zu rooms: wall median %.1f ms (best %.1f, worst %.1f), CPU median %.1f ms "
                "(goal <= %.0f ms); extra peak memory of a first load %.1f MB (goal <= 50 MB)\n",
                std::filesystem::path(path).filename().c_str(), text.size() / 1e6, items, rooms, ms[ms.size() / 2], ms.front(),
                ms.back(), cpu[cpu.size() / 2], goal_ms, extra_kb / 1024.0);
}

// A refresh of an unchanged URL, against a local server that answers If-None-Match with 304.
void bench_refresh(const std::string& path) {
    const std::string body = read_schedule_file(path);
    std::atomic<int> full{0}, not_modified{0};
    httplib::Server server;
    server.Get("/schedule.xml", [&](const httplib::Request& req, httplib::Response& res) {
        res.set_header("ETag", "\"v1\"");
        if (req.get_header_value("If-None-Match") == "\"v1\"") {
            ++not_modified;
            res.status = 304;
            return;
        }
        ++full;
        // Not a compressible type: Debian's cpp-httplib 0.11 never finishes a brotli answer this big,
        // and the feed (like curl --compressed) offers br. The figure is about the 304s anyway.
        res.set_content(body, "application/octet-stream");
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    std::thread serving([&] { server.listen_after_bind(); });
    for (auto until = Clock_::now() + std::chrono::seconds(5); !server.is_running() && Clock_::now() < until;)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const std::string cache = std::filesystem::temp_directory_path() / ("lectern-agenda-bench-" + std::to_string(getpid()));
    SystemClock clock;
    AgendaFeed feed(FeedSettings{"http://127.0.0.1:" + std::to_string(port) + "/schedule.xml", {}, cache, 20, ""}, clock);
    feed.first();
    const int refreshes = 10;
    std::vector<double> ms;
    for (int i = 0; i < refreshes; ++i) {
        const auto t = Clock_::now();
        if (feed.refresh()) std::printf("refresh %d: a new programme (not expected)\n", i);
        ms.push_back(ms_since(t));
    }
    std::sort(ms.begin(), ms.end());
    const FeedStatus& s = feed.status();
    std::printf("refresh of an unchanged URL x%d: server saw %d full answers and %d x 304; the feed made %d requests, "
                "%d answered 304, %d parses (1 = the first load only); median %.2f ms per refresh\n",
                refreshes, full.load(), not_modified.load(), s.requests, s.not_modified, s.parses, ms[ms.size() / 2]);
    server.stop();
    serving.join();
    std::filesystem::remove_all(cache);
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    if (argc < 2) {
        std::fprintf(stderr, "usage: agenda_bench DIR [--rounds N]   (DIR from bench/agenda/make_schedules.py DIR)\n");
        return 2;
    }
    const std::string dir = argv[1];
    const int rounds = argc > 3 && std::string(argv[2]) == "--rounds" ? std::max(1, std::atoi(argv[3])) : 20;
    std::printf("command: agenda_bench %s --rounds %d\n", dir.c_str(), rounds);
    bench_load(dir + "/congress.xml", rounds, 100);
    bench_load(dir + "/calendar.ics", rounds, 100);
    bench_refresh(dir + "/congress.xml");
}
