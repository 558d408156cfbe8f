#include "screen_set.h"

#include "screens/room.h"
#include "screens/timer.h"

#include <stdexcept>

namespace lectern {

ScreenId parse_screen_id(const std::string& name) {
    if (name == "lobby") return ScreenId::Lobby;
    if (name == "room") return ScreenId::Room;
    if (name == "timer") return ScreenId::Timer;
    throw std::invalid_argument("unknown screen \"" + name + "\"; use lobby, room or timer");
}

std::vector<Intent> ScreenSet::draw(const ScreenContext& ctx) {
    switch (shown_) {
        case ScreenId::Lobby: return draw_lobby(ctx, lobby_);
        case ScreenId::Room: return draw_room(ctx);
        case ScreenId::Timer: return draw_timer(ctx);
    }
    return {};
}

}  // namespace lectern
