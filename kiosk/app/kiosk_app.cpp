#include "kiosk_app.h"

#include "agenda_source.h"
#include "frame_renderer.h"
#include "lectern_config.h"
#include "screen_set.h"

#include <SDL.h>
#include <imgui_impl_sdl.h>

#include <cstdio>
#include <stdexcept>

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

std::string room_list(const Agenda& agenda) {
    std::string list;
    for (const auto& r : agenda.rooms) list += (list.empty() ? "" : ", ") + r.id;
    return list;
}

LecternConfig load(const KioskOptions& options) {
    return options.config_file.empty() ? LecternConfig{} : load_config(options.config_file);
}

struct Session {
    LecternConfig config;
    std::unique_ptr<Clock> clock;
    std::unique_ptr<AgendaSource> agenda;
    ScreenSet screens;
    std::string room_id;
    LiveSession live;
    ui::FontFiles font_files;

    explicit Session(const KioskOptions& options)
        : config(load(options)),
          clock(options.at ? std::unique_ptr<Clock>(new FixedClock(*options.at)) : std::unique_ptr<Clock>(new SystemClock)),
          agenda(std::make_unique<AgendaSource>(config.agenda, *clock, !options.at)),
          screens(parse_screen_id(options.screen.empty() ? config.kiosk.screen : options.screen)),
          room_id(options.room.empty() ? config.kiosk.room : options.room),
          font_files(ui::find_fonts(config.display.font)) {
        screens.lobby().query = options.search;
        screens.lobby().keyboard = options.keyboard;
        live.stage_message = options.message;
        auto shown = agenda->current();
        if (!room_id.empty() && !shown->room(room_id))
            throw std::invalid_argument("room \"" + room_id + "\" is not in the agenda; its rooms are " + room_list(*shown));
    }

    std::vector<Intent> draw(const Agenda& shown, const ui::Fonts& fonts, ImVec2 size) {
        ScreenContext ctx{shown, clock->now(), fonts, size, config.display.page_seconds, {}};
        ctx.room_id = room_id;
        ctx.live = &live;
        ctx.thresholds = {minutes{config.timer.warning_minutes}, minutes{config.timer.final_minutes}};
        if (!font_files.warning.empty()) ctx.notices.push_back(font_files.warning);
        if (std::string problem = agenda->problem(); !problem.empty()) ctx.notices.push_back(problem);
        return screens.draw(ctx);
    }
};

}  // namespace

int run_screenshot(const KioskOptions& options) {
    Session session(options);
    auto renderer = FrameRenderer::open_offscreen(options.width, options.height);
    auto agenda = session.agenda->current();
    ui::Fonts fonts = renderer->load_fonts(session.font_files, static_cast<float>(session.config.display.text_scale),
                                           agenda_glyphs(*agenda) + options.search);
    // Two frames: ImGui settles item sizes and hover state on the first.
    for (int frame = 0; frame < 2; ++frame) {
        renderer->begin_frame();
        session.draw(*agenda, fonts, renderer->size());
        renderer->end_frame();
    }
    renderer->save_png(options.screenshot);
    std::printf("wrote %s (%dx%d)\n", options.screenshot.c_str(), options.width, options.height);
    // What each room shows as now/next at that instant, for scripts and tests to compare with the picture.
    for (const Room& room : agenda->rooms) {
        const NowNext nn = now_next(*agenda, room.id, session.clock->now());
        std::printf("room %s: now %s, next %s\n", room.id.c_str(), nn.now ? nn.now->id.c_str() : "-",
                    nn.next ? nn.next->id.c_str() : "-");
    }
    return 0;
}

int run_kiosk(const KioskOptions& options) {
    Session session(options);
    auto renderer = FrameRenderer::open_window(session.config.kiosk.fullscreen && !options.windowed);
    session.agenda->start_watching();

    std::shared_ptr<const Agenda> agenda;
    ImVec2 baked_size{};
    ui::Fonts fonts;
    bool running = true;
    while (running) {
        // Throttle: a kiosk runs all day; wake for input or at least twice a second for the clock.
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, 500)) {
            do {
                ImGui_ImplSDL2_ProcessEvent(&event);
                if (event.type == SDL_QUIT) running = false;
            } while (SDL_PollEvent(&event));
        }
        auto latest = session.agenda->current();
        const ImVec2 size = renderer->size();
        if (latest != agenda || size.x != baked_size.x || size.y != baked_size.y) {
            agenda = latest;
            baked_size = size;
            fonts = renderer->load_fonts(session.font_files, static_cast<float>(session.config.display.text_scale),
                                         agenda_glyphs(*agenda));
        }
        renderer->begin_frame();
        session.draw(*agenda, fonts, size);
        renderer->end_frame();
    }
    return 0;
}

}  // namespace lectern
