#include "kiosk_app.h"

#include "frame_guard.h"
#include "frame_renderer.h"
#include "frame_time_log.h"
#include "kiosk_health.h"
#include "kiosk_session.h"
#include "kiosk_web.h"

#include <SDL.h>
#include <imgui_impl_sdl.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <utility>
#include <vector>

namespace lectern {
namespace {

// The time a frame is drawn for. The public lobby shows minutes, and its bars creep by a fraction
// of a pixel a second: drawn in 5 s steps, its picture changes (and is presented) every 5 s, not
// every frame, which is most of what an idle kiosk spends on software-rendered GL.
TimePoint drawn_time(const KioskShell& shell, TimePoint now) {
    if (shell.mode() != KioskShell::Mode::Public || shell.public_screen() != ScreenId::Lobby) return now;
    return now - now.time_since_epoch() % seconds{5};
}

std::atomic<bool> g_terminate{false};
extern "C" void on_terminate(int) { g_terminate = true; }
}  // namespace

int run_kiosk(const KioskOptions& options) {
    // systemd stops the kiosk with SIGTERM: finish the recording in progress and leave, fullscreen or
    // not. (SDL would turn it into the SDL_QUIT a fullscreen kiosk ignores; a handler installed
    // before SDL starts is kept by SDL.) The loop sees the flag within a second.
    std::signal(SIGTERM, on_terminate);
    KioskSession session(options, true);
    auto renderer = FrameRenderer::open_window(session.config.kiosk.fullscreen && !options.windowed,
                                               choose_renderer(session.config.display.renderer, session.shell->public_screen()));
    std::fprintf(stderr, "<6>lectern: the window is drawn by SDL's %s renderer (display.renderer = \"%s\")\n", renderer->renderer_name().c_str(),
                 session.config.display.renderer.c_str());
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
    ui::FontKey baked_key;
    FrameTimeLog frame_times;
    FrameGuard guard;
    KioskHealth health;  // READY, STATUS and watchdog pings when systemd runs the kiosk unit
    for (bool running = true; running && !g_terminate;) {
        // Throttle: a kiosk runs all day; wake for input, else about 15 times a second while a preview
        // moves on screen, twice a second for the timer's seconds, once a second for the lobby.
        bool input = false;
        bool open_operator = false;
        SDL_Event event;
        const bool lobby = session.shell->mode() == KioskShell::Mode::Public && session.shell->public_screen() == ScreenId::Lobby;
        const int wait_ms = std::min(health.max_wait_ms(),  // playback: every picture
                                     std::max(renderer->min_wait_ms(),
                                              session.desk->playing() ? 15 : session.shell->shows_live_picture() ? 66 : lobby ? 1000 : 500));
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
        std::vector<Intent> intents;
        bool recorder_busy = false;
        // A frame that throws is abandoned and reported (FrameGuard); the next one starts afresh.
        const bool drawn = guard.run("draw", [&] {
            auto latest = session.agenda->current();
            const ImVec2 size = renderer->size();
            if (latest != agenda || size.x != baked_size.x || size.y != baked_size.y || session.desk->glyph_generation() != baked_glyphs) {
                if (latest != agenda) session.shell->set_agenda(latest);
                agenda = latest;
                baked_size = size;
                baked_glyphs = session.desk->glyph_generation();  // names from the recordings catalog, too
                // Baking takes the frame thread a few hundred ms at 4K: only for new characters or a new size.
                const std::string text = agenda_glyphs(*agenda) + session.desk->glyphs();
                ui::FontKey key = ui::font_key(size.x, size.y, text, session.shows_timer());
                if (key != baked_key) {
                    fonts = renderer->load_fonts(session.font_files, static_cast<float>(session.config.display.text_scale), text,
                                                 session.shows_timer());
                    baked_key = std::move(key);
                }
            }
            session.shell->tick(now, input);
            renderer->begin_frame();
            guard.inject();
            ScreenContext ctx = session.context(*agenda, fonts, size, drawn_time(*session.shell, now));
            // The preview (room screen, console) and the PIN pad on the way to the console need capture.
            session.station->want_capture(session.shell->shows_live_picture() || session.shell->mode() != KioskShell::Mode::Public);
            const RecorderView recorder = session.station->recorder_view(*renderer);
            ctx.recorder = &recorder;
            OperatorView view = session.shell->operator_view(now);
            view.uploads = session.station->upload_rows();
            view.problems = session.station->problems();  // the console's notices, never the public screen's
            if (auto alert = guard.alert()) view.problems.push_back(*alert);
            view.stats = session.station->sample_stats(now);
            recorder_busy = recorder.state == RecorderView::State::Recording || recorder.state == RecorderView::State::Paused;
            view.recordings = &session.desk->update(renderer->sdl_renderer(), session.shell->mode() == KioskShell::Mode::Recordings, recorder_busy);
            intents = session.shell->draw(ctx, view);
            if (open_operator) intents.push_back({IntentKind::OpenOperator});
            frame_times.rendering();
            renderer->end_frame();
            frame_times.rendered();
        });
        if (!drawn) renderer->abandon_frame();
        // Commands (the console's and the API's) and uploads are served even while drawing fails.
        if (agenda)
            guard.run("act", [&] {
                if (!drawn) session.station->poll();
                session.shell->apply(intents, now);
                session.station->apply_upload_intents(session.shell->take_upload_intents());
                session.desk->apply(session.shell->take_recordings_requests(), recorder_busy);
                if (web)
                    web->on_frame(session.shell->controller(), *session.station, *agenda, session.agenda->problem(),
                                  session.agenda->feed_status().as_of, now);
            });
        frame_times.end(renderer->drawn_pixels());
        health.loop_turned(*session.station);  // reached only while this loop turns
    }
    health.stopping();
    return 0;
}

}  // namespace lectern
