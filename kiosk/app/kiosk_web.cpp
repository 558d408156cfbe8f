#include "kiosk_web.h"

#include "recording_station.h"
#include "station_routes.h"

#include <cstdio>

namespace lectern {

std::unique_ptr<KioskWeb> KioskWeb::start_if_configured(const LecternConfig& config, const std::string& room_id,
                                                        std::function<void()> wake) {
    if (config.web.listen.empty()) return nullptr;
    auto web = std::make_unique<KioskWeb>(config, room_id, std::move(wake));
    std::printf("lectern: room %s, serving http://%s:%d\n", room_id.c_str(), web->server_.host().c_str(), web->server_.port());
    std::fflush(stdout);
    return web;
}

KioskWeb::KioskWeb(const LecternConfig& config, const std::string& room_id, std::function<void()> wake)
    : collector_(config, room_id), server_(config.web) {
    inbox_.set_wake(std::move(wake));
    add_station_routes(server_, board_, inbox_, config);
    server_.start();
}

void KioskWeb::on_frame(SessionController& controller, const RecordingStation& station, const Agenda& agenda,
                        const std::string& agenda_problem, std::optional<TimePoint> agenda_confirmed, TimePoint now) {
    const bool applied = apply_remote_commands(inbox_, controller, now) > 0;
    const auto steady = std::chrono::steady_clock::now();
    if (!applied && steady - last_publish_ < std::chrono::milliseconds(200)) return;
    last_publish_ = steady;
    StationInputs in = station.status_inputs();
    in.agenda = &agenda;
    in.agenda_problem = agenda_problem;
    in.agenda_confirmed = agenda_confirmed;
    in.controller = &controller;
    board_.publish(collector_.collect(in, now));
    board_.publish_preview(station.preview());
}

}  // namespace lectern
