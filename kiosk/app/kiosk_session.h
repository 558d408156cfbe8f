// What the live kiosk and its screenshot mode share: configuration, clock, agenda, fonts, the
// recording station (live only), the recordings desk and the shell.
#pragma once

#include "agenda_source.h"
#include "frame_renderer.h"
#include "kiosk_options.h"
#include "kiosk_shell.h"
#include "lectern_config.h"
#include "recording_station.h"
#include "recordings_desk.h"

#include <memory>
#include <string>

namespace lectern {

// Every string the screens may draw from this agenda: their glyphs are baked into the fonts.
std::string agenda_glyphs(const Agenda& agenda);

// display.renderer for the window: "auto" draws a lobby kiosk in software (the lobby changes a few
// times a minute; GL's driver alone would cost it more memory than the rest of the kiosk, and as
// much CPU where it rasterizes in software) and the live room and timer screens with GL.
FrameRenderer::Kind choose_renderer(const std::string& setting, ScreenId public_screen);

struct KioskSession {
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

    KioskSession(const KioskOptions& options, bool with_station);
    ~KioskSession();
    KioskSession(const KioskSession&) = delete;
    KioskSession& operator=(const KioskSession&) = delete;

    std::unique_ptr<RecordingsDesk> make_desk(const KioskOptions& options);
    // The speaker timer's huge digits are baked only where the timer screen is shown.
    bool shows_timer() const { return shell->public_screen() == ScreenId::Timer; }

    ScreenContext context(const Agenda& shown, const ui::Fonts& fonts, ImVec2 size, TimePoint now) const;
};

}  // namespace lectern
