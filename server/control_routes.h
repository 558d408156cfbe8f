// POST /api/v1/control/{start,stop,pause,resume,next,undo}: the technician's commands from the AV
// desk, through the same SessionController as the console (via the CommandInbox). Needs
// "Authorization: Bearer <token>"; without a configured token control stays closed (403).
// Answers 200 {"done": "next"}, or 409 {"error": reason} when the command makes no sense now.
#pragma once

#include "command_inbox.h"

#include <string>

namespace lectern {

class HttpServer;

// `token` is the API token from the secrets store; it is compared in constant time and never echoed.
void add_control_routes(HttpServer& server, CommandInbox& inbox, std::string token);

}  // namespace lectern
