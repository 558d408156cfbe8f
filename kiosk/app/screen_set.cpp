#include "screen_set.h"

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
        case ScreenId::Lobby:
        case ScreenId::Room:
        case ScreenId::Timer: return draw_lobby(ctx, lobby_);
    }
    return {};
}

}  // namespace lectern
