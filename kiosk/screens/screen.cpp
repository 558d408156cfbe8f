#include "screen.h"

namespace lectern {

const Room* ScreenContext::room() const {
    if (const Room* r = agenda.room(room_id)) return r;
    return agenda.rooms.empty() ? nullptr : &agenda.rooms.front();
}

const LiveSession& ScreenContext::live_session() const {
    static const LiveSession none;
    return live ? *live : none;
}

}  // namespace lectern
