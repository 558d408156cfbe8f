// The public screens a kiosk can show, the UI state each keeps between frames, and the one call
// that draws the chosen screen from the frame's snapshot.
#pragma once

#include "screens/lobby.h"

#include <string>
#include <vector>

namespace lectern {

enum class ScreenId { Lobby, Room, Timer };

// "lobby" → Lobby; throws std::invalid_argument listing the names for anything else.
ScreenId parse_screen_id(const std::string& name);

class ScreenSet {
public:
    explicit ScreenSet(ScreenId shown) : shown_(shown) {}
    std::vector<Intent> draw(const ScreenContext& ctx);
    LobbyUi& lobby() { return lobby_; }

private:
    ScreenId shown_;
    LobbyUi lobby_;
};

}  // namespace lectern
