// `lectern --screenshot FILE`: one screen, drawn offscreen as the live kiosk would draw it, to a PNG.
#include "frame_renderer.h"
#include "kiosk_app.h"
#include "kiosk_session.h"
#include "local_time.h"
#include "screen_state_file.h"

#include <chrono>
#include <cstdio>

namespace lectern {

int run_screenshot(const KioskOptions& options) {
    KioskSession session(options, false);
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

}  // namespace lectern
