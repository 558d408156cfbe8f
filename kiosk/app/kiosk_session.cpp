#include "kiosk_session.h"

#include "agenda_credentials.h"

#include "local_time.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace lectern {
namespace {

std::string room_list(const Agenda& agenda) {
    std::string list;
    for (const auto& r : agenda.rooms) list += (list.empty() ? "" : ", ") + r.id;
    return list;
}

}  // namespace

std::string agenda_glyphs(const Agenda& agenda) {
    std::string all = agenda.event.name + agenda.event.venue;
    for (const auto& r : agenda.rooms) all += r.name;
    for (const auto& s : agenda.speakers) all += s.name + s.native_name + s.affiliation + s.role;
    for (const auto& i : agenda.items) all += i.title + i.note;
    return all;
}

FrameRenderer::Kind choose_renderer(const std::string& setting, ScreenId public_screen) {
    if (setting == "software") return FrameRenderer::Kind::Software;
    if (setting == "gl") return FrameRenderer::Kind::Gl;
    return public_screen == ScreenId::Lobby ? FrameRenderer::Kind::Software : FrameRenderer::Kind::GlOnGpu;
}

KioskSession::KioskSession(const KioskOptions& options, bool with_station)
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

KioskSession::~KioskSession() {
    desk.reset();  // its worker closes the catalog first
    if (!scratch_catalog.empty()) std::filesystem::remove(scratch_catalog);
}

std::unique_ptr<RecordingsDesk> KioskSession::make_desk(const KioskOptions& options) {
    if (options.archive_dir.empty()) return std::make_unique<RecordingsDesk>(config, RecordingsDesk::kiosk_settings(config));
    char scratch[] = "/tmp/lectern-catalog-XXXXXX";
    const int fd = mkstemp(scratch);
    if (fd < 0) throw std::runtime_error("cannot make a scratch catalog in /tmp for --archive " + options.archive_dir);
    close(fd);
    scratch_catalog = scratch;
    return std::make_unique<RecordingsDesk>(config, RecordingsDesk::folder_settings(options.archive_dir, scratch_catalog));
}

ScreenContext KioskSession::context(const Agenda& shown, const ui::Fonts& fonts, ImVec2 size, TimePoint now) const {
    ScreenContext ctx{shown, now, fonts, size, config.display.page_seconds, {}};
    ctx.thresholds = {minutes{config.timer.warning_minutes}, minutes{config.timer.final_minutes}};
    if (!font_files.warning.empty()) ctx.notices.push_back(font_files.warning);
    ctx.agenda_problem = agenda->problem();  // the console says why; public screens show only the badge
    ctx.agenda_badge = agenda->staleness(ctx.now);
    return ctx;
}

}  // namespace lectern
