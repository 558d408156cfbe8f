#include "kiosk_app.h"

#include "agenda_source.h"
#include "frame_renderer.h"
#include "kiosk_shell.h"
#include "kiosk_web.h"
#include "lectern_config.h"
#include "local_time.h"
#include "recording_station.h"
#include "recordings_desk.h"
#include "screen_state_file.h"
#include "secrets.h"

#include <SDL.h>
#include <imgui_impl_sdl.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>
#include <stdexcept>
#include <utility>

namespace lectern {
namespace {

// Every string the screens may draw from this agenda: their glyphs are baked into the fonts.
std::string agenda_glyphs(const Agenda& agenda) {
    std::string all = agenda.event.name + agenda.event.venue;
    for (const auto& r : agenda.rooms) all += r.name;
    for (const auto& s : agenda.speakers) all += s.name + s.native_name + s.affiliation + s.role;
    for (const auto& i : agenda.items) all += i.title + i.note;
    return all;
}

// agenda.url's user and password, from the secret agenda.secret names (as the upload targets do).
FetchCredentials agenda_credentials(const LecternConfig& config) {
    if (config.agenda.secret.empty()) return {};
    const TargetSecret secret = Secrets::load(expand_home(config.upload.secrets_file)).get(config.agenda.secret);
    return {secret.user, secret.password};
}

std::string room_list(const Agenda& agenda) {
    std::string list;
    for (const auto& r : agenda.rooms) list += (list.empty() ? "" : ", ") + r.id;
    return list;
}

// The time a frame is drawn for. The public lobby shows minutes, and its bars creep by a fraction
// of a pixel a second: drawn in 5 s steps, its picture changes (and is presented) every 5 s, not
// every frame, which is most of what an idle kiosk spends on software-rendered GL.
TimePoint drawn_time(const KioskShell& shell, TimePoint now) {
    if (shell.mode() != KioskShell::Mode::Public || shell.public_screen() != ScreenId::Lobby) return now;
    return now - now.time_since_epoch() % seconds{5};
}

// bench/kiosk/frame_time.sh: with LECTERN_FRAME_TIMES=FILE each frame's work, from the end of the
// wait for events to the end of applying its intents, is appended to FILE as two triples of
// microseconds, for the whole frame and for rasterizing and presenting it (end_frame): wall
// time, this thread's CPU time, and its time waiting for a CPU (/proc/thread-self/schedstat). Wall
// minus the other two is what the frame waited for by itself (a lock, the disk, SQLite, the GL
// driver's threads), apart from what a busy machine costs it.
class FrameTimeLog {
public:
    FrameTimeLog() {
        if (const char* path = std::getenv("LECTERN_FRAME_TIMES"); path && *path) out_ = std::fopen(path, "w");
    }
    ~FrameTimeLog() {
        if (out_) std::fclose(out_);
    }
    void begin() { sample(at_[0]); }
    void rendering() { sample(at_[1]); }  // around end_frame()
    void rendered() { sample(at_[2]); }
    void end() {
        if (!out_) return;
        sample(at_[3]);
        for (const auto [from, to] : {std::pair{0, 3}, std::pair{1, 2}})
            std::fprintf(out_, "%lld %lld %lld ", (at_[to].wall_ns - at_[from].wall_ns) / 1000, (at_[to].cpu_ns - at_[from].cpu_ns) / 1000,
                         (at_[to].wait_ns - at_[from].wait_ns) / 1000);
        std::fputc('\n', out_);
        std::fflush(out_);  // the benchmark ends the kiosk with its X server
    }

private:
    struct Sample {
        long long wall_ns = 0, cpu_ns = 0, wait_ns = 0;
    };
    void sample(Sample& s) const {
        if (!out_) return;
        s.wall_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
        if (std::FILE* f = std::fopen("/proc/thread-self/schedstat", "r")) {
            if (std::fscanf(f, "%lld %lld", &s.cpu_ns, &s.wait_ns) != 2) s.cpu_ns = s.wait_ns = 0;
            std::fclose(f);
        }
    }
    std::FILE* out_ = nullptr;
    Sample at_[4];
};

// What both ways of running share: configuration, clock, agenda, fonts, and the shell.
struct Session {
    LecternConfig config;
    std::unique_ptr<Clock> clock;
    std::unique_ptr<AgendaSource> agenda;
    ui::FontFiles font_files;
    std::unique_ptr<RecordingStation> station;  // the live kiosk's recorder and uploads; none for screenshots
    std::unique_ptr<KioskShell> shell;
    std::unique_ptr<RecordingsDesk> desk;  // the console's Recordings screen; screenshots only for --screen recordings
    std::string scratch_catalog;           // --archive DIR's catalog, removed at the end
    bool operator_screen = false;
    bool recordings_screen = false;
    bool pin_screen = false;  // screenshots of the PIN pad

    Session(const KioskOptions& options, bool with_station)
        : config(options.config_file.empty() ? LecternConfig{} : load_config(options.config_file)),
          clock(options.at ? std::unique_ptr<Clock>(new FixedClock(*options.at)) : std::unique_ptr<Clock>(new SystemClock)),
          agenda(std::make_unique<AgendaSource>(config.agenda, *clock, !options.at, agenda_credentials(config))),
          font_files(ui::find_fonts(config.display.font)) {
        const std::string screen = options.screen.empty() ? config.kiosk.screen : options.screen;
        operator_screen = screen == "operator";
        pin_screen = screen == "pin";
        recordings_screen = screen == "recordings";
        const std::string room_id = options.room.empty() ? config.kiosk.room : options.room;
        auto shown = agenda->current();
        if (!room_id.empty() && !shown->room(room_id))
            throw std::invalid_argument("room \"" + room_id + "\" is not in the agenda; its rooms are " + room_list(*shown));
        if (with_station) station = std::make_unique<RecordingStation>(config, shown->event.time_zone);
        if (with_station || recordings_screen || operator_screen) desk = make_desk(options);
        shell = std::make_unique<KioskShell>(config, operator_screen || pin_screen || recordings_screen ? ScreenId::Room : parse_screen_id(screen), room_id, shown,
                                             station ? &station->control() : nullptr);
        shell->lobby().query = options.search;
        shell->lobby().keyboard = options.keyboard;
        shell->live_overrides().stage_message = options.message;
    }

    ~Session() {
        desk.reset();  // its worker closes the catalog first
        if (!scratch_catalog.empty()) std::filesystem::remove(scratch_catalog);
    }

    std::unique_ptr<RecordingsDesk> make_desk(const KioskOptions& options) {
        if (options.archive_dir.empty()) return std::make_unique<RecordingsDesk>(config, RecordingsDesk::kiosk_settings(config));
        char scratch[] = "/tmp/lectern-catalog-XXXXXX";
        const int fd = mkstemp(scratch);
        if (fd < 0) throw std::runtime_error("cannot make a scratch catalog in /tmp for --archive " + options.archive_dir);
        close(fd);
        scratch_catalog = scratch;
        return std::make_unique<RecordingsDesk>(config, RecordingsDesk::folder_settings(options.archive_dir, scratch_catalog));
    }

    // The speaker timer's huge digits are baked only where the timer screen is shown.
    bool shows_timer() const { return shell->public_screen() == ScreenId::Timer; }

    ScreenContext context(const Agenda& shown, const ui::Fonts& fonts, ImVec2 size, TimePoint now) const {
        ScreenContext ctx{shown, now, fonts, size, config.display.page_seconds, {}};
        ctx.thresholds = {minutes{config.timer.warning_minutes}, minutes{config.timer.final_minutes}};
        if (!font_files.warning.empty()) ctx.notices.push_back(font_files.warning);
        ctx.agenda_problem = agenda->problem();  // the console says why; public screens show only the badge
        ctx.agenda_badge = agenda->staleness(ctx.now);
        return ctx;
    }
};

}  // namespace

int run_screenshot(const KioskOptions& options) {
    Session session(options, false);
    auto renderer = FrameRenderer::open_offscreen(options.width, options.height);
    auto agenda = session.agenda->current();
    const TimePoint now = session.clock->now();
    ScreenState state;
    if (!options.state_file.empty()) state = load_screen_state(options.state_file);
    if (!state.current_item.empty()) {
        auto& live = session.shell->live_overrides();
        live.current_item = state.current_item;
        if (auto started = parse_rfc3339(state.started_at)) live.runs[state.current_item] = ItemRun{*started, std::nullopt};
    }
    if (session.operator_screen) session.shell->show_operator_for_screenshot(now);
    if (session.pin_screen) session.shell->apply({{IntentKind::OpenOperator}}, now);
    const bool recorder_busy = state.recorder.state == RecorderView::State::Recording || state.recorder.state == RecorderView::State::Paused;
    if (session.recordings_screen) {
        session.shell->show_operator_for_screenshot(now);
        session.shell->apply({{IntentKind::OpenRecordings}}, now);
        session.shell->recordings_ui().query = options.search;
        session.desk->browser().search(options.search);
        // The picture shows the answer with its thumbnails, as the live screen does a moment later.
        if (!session.desk->browser().wait_settled(options.search, std::chrono::seconds(60)))
            std::fprintf(stderr, "lectern: the catalog did not answer within 60 s; the screenshot shows what it had\n");
        session.desk->update(renderer->sdl_renderer(), true, recorder_busy);
    }
    OperatorView view = session.shell->operator_view(now);
    view.uploads = state.uploads;
    view.stats = state.stats;
    if (state.recorder.state == RecorderView::State::Recording || state.recorder.state == RecorderView::State::Paused) {
        // Show the console as it would be mid-session: earlier items recorded, the current one on tape.
        view.state = state.recorder.state == RecorderView::State::Paused ? SessionController::State::Paused : SessionController::State::Recording;
        bool before = true;
        for (auto& [item, status] : view.rundown) {
            if (item->id == state.current_item) before = false, status = ItemStatus::Recording;
            else if (before && item->kind != ItemKind::Break) status = ItemStatus::Recorded;
        }
    }

    ui::Fonts fonts = renderer->load_fonts(session.font_files, static_cast<float>(session.config.display.text_scale),
                                           agenda_glyphs(*agenda) + options.search + options.message + (session.desk ? session.desk->glyphs() : ""),
                                           session.shows_timer());
    // Two frames: ImGui settles item sizes and hover state on the first.
    for (int frame = 0; frame < 2; ++frame) {
        renderer->begin_frame();
        ScreenContext ctx = session.context(*agenda, fonts, renderer->size(), session.clock->now());
        ctx.recorder = &state.recorder;
        if (session.desk) view.recordings = &session.desk->update(renderer->sdl_renderer(), session.shell->mode() == KioskShell::Mode::Recordings, recorder_busy);
        session.shell->draw(ctx, view);
        renderer->end_frame();
        if (session.desk) session.desk->apply(session.shell->take_recordings_requests(), recorder_busy);
    }
    renderer->save_png(options.screenshot);
    std::printf("wrote %s (%dx%d)\n", options.screenshot.c_str(), options.width, options.height);
    // What each room shows as now/next at that instant, for scripts and tests to compare with the picture.
    for (const Room& room : agenda->rooms) {
        const NowNext nn = now_next(*agenda, room.id, now);
        std::printf("room %s: now %s, next %s\n", room.id.c_str(), nn.now ? nn.now->id.c_str() : "-", nn.next ? nn.next->id.c_str() : "-");
    }
    // And the slots "find my slot" listed for --search.
    if (!options.search.empty())
        for (const SpeakerSlot& slot : find_slots(*agenda, options.search))
            std::printf("slot %s: %s\n", slot.speaker->id.c_str(), slot.item->id.c_str());
    return 0;
}

namespace {
std::atomic<bool> g_terminate{false};
extern "C" void on_terminate(int) { g_terminate = true; }
}  // namespace

int run_kiosk(const KioskOptions& options) {
    // systemd stops the kiosk with SIGTERM: finish the recording in progress and leave, fullscreen or
    // not. (SDL would turn it into the SDL_QUIT a fullscreen kiosk ignores; a handler installed
    // before SDL starts is kept by SDL.) The loop sees the flag within a second.
    std::signal(SIGTERM, on_terminate);
    Session session(options, true);
    auto renderer = FrameRenderer::open_window(session.config.kiosk.fullscreen && !options.windowed);
    session.agenda->start_watching();
    // The AV desk's API ([web] listen); a remote command wakes the loop with an SDL event.
    std::unique_ptr<KioskWeb> web;
    try {
        web = KioskWeb::start_if_configured(session.config, session.shell->room_id(), [] {
            SDL_Event wake{};
            wake.type = SDL_USEREVENT;
            SDL_PushEvent(&wake);
        });
    } catch (const std::exception& e) {
        std::fprintf(stderr, "<3>lectern: %s; the kiosk runs without its web API\n", e.what());
    }

    std::shared_ptr<const Agenda> agenda;
    ImVec2 baked_size{};
    uint64_t baked_glyphs = 0;
    ui::Fonts fonts;
    FrameTimeLog frame_times;
    for (bool running = true; running && !g_terminate;) {
        // Throttle: a kiosk runs all day; wake for input, else about 15 times a second while a preview
        // moves on screen, twice a second for the timer's seconds, once a second for the lobby.
        bool input = false;
        bool open_operator = false;
        SDL_Event event;
        const bool lobby = session.shell->mode() == KioskShell::Mode::Public && session.shell->public_screen() == ScreenId::Lobby;
        const int wait_ms = session.desk->playing() ? 15 : session.shell->shows_live_picture() ? 66 : lobby ? 1000 : 500;  // playback: every picture
        if (SDL_WaitEventTimeout(&event, wait_ms)) {
            // ImGui 1.86 reads key state once per frame, so a key released in the same batch it was
            // pressed in would be missed: hold the release back for the next frame.
            std::vector<SDL_Scancode> pressed;
            do {
                if (event.type == SDL_KEYUP && std::find(pressed.begin(), pressed.end(), event.key.keysym.scancode) != pressed.end()) {
                    SDL_PushEvent(&event);
                    break;
                }
                if (event.type == SDL_KEYDOWN) pressed.push_back(event.key.keysym.scancode);
                if (event.type == SDL_WINDOWEVENT) renderer->redraw();  // exposed, resized, shown
                ImGui_ImplSDL2_ProcessEvent(&event);
                input |= event.type == SDL_KEYDOWN || event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_FINGERDOWN ||
                         event.type == SDL_TEXTINPUT;
                // A keyboard-only kiosk reaches the PIN pad with Ctrl+Alt+O (touch screens: hold the clock 2 s).
                open_operator |= event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_o && (event.key.keysym.mod & KMOD_CTRL) &&
                                 (event.key.keysym.mod & KMOD_ALT);
                // Closing the window (Alt+F4, the window manager) only works while not fullscreen.
                if (event.type == SDL_QUIT && !(session.config.kiosk.fullscreen && !options.windowed)) running = false;
            } while (SDL_PollEvent(&event));
        }
        frame_times.begin();
        const TimePoint now = session.clock->now();
        auto latest = session.agenda->current();
        const ImVec2 size = renderer->size();
        if (latest != agenda || size.x != baked_size.x || size.y != baked_size.y || session.desk->glyph_generation() != baked_glyphs) {
            if (latest != agenda) session.shell->set_agenda(latest);
            agenda = latest;
            baked_size = size;
            baked_glyphs = session.desk->glyph_generation();  // names from the recordings catalog, too
            fonts = renderer->load_fonts(session.font_files, static_cast<float>(session.config.display.text_scale),
                                         agenda_glyphs(*agenda) + session.desk->glyphs(), session.shows_timer());
        }
        session.shell->tick(now, input);
        renderer->begin_frame();
        ScreenContext ctx = session.context(*agenda, fonts, size, drawn_time(*session.shell, now));
        // The preview (room screen, console) and the PIN pad on the way to the console need capture.
        session.station->want_capture(session.shell->shows_live_picture() || session.shell->mode() != KioskShell::Mode::Public);
        const RecorderView recorder = session.station->recorder_view(*renderer);
        ctx.recorder = &recorder;
        OperatorView view = session.shell->operator_view(now);
        view.uploads = session.station->upload_rows();
        view.problems = session.station->problems();  // the console's notices, never the public screen's
        view.stats = session.station->sample_stats(now);
        const bool recorder_busy = recorder.state == RecorderView::State::Recording || recorder.state == RecorderView::State::Paused;
        view.recordings = &session.desk->update(renderer->sdl_renderer(), session.shell->mode() == KioskShell::Mode::Recordings, recorder_busy);
        std::vector<Intent> intents = session.shell->draw(ctx, view);
        if (open_operator) intents.push_back({IntentKind::OpenOperator});
        frame_times.rendering();
        renderer->end_frame();
        frame_times.rendered();
        session.shell->apply(intents, now);
        session.station->apply_upload_intents(session.shell->take_upload_intents());
        session.desk->apply(session.shell->take_recordings_requests(), recorder_busy);
        if (web) web->on_frame(session.shell->controller(), *session.station, *agenda, session.agenda->problem(), now);
        frame_times.end();
    }
    return 0;
}

}  // namespace lectern
