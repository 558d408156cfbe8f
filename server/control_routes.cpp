#include "control_routes.h"

#include "auth.h"
#include "http_server.h"

#include <nlohmann/json.hpp>

#include <map>

namespace lectern {

void add_control_routes(HttpServer& server, CommandInbox& inbox, std::string token) {
    server.post(R"(/api/v1/control/([a-z]+))", [&inbox, token = std::move(token)](const WebRequest& req, WebResponse& res) {
        static const std::map<std::string, CommandKind> words = {
            {"start", CommandKind::Start}, {"stop", CommandKind::Stop},          {"pause", CommandKind::Pause},
            {"resume", CommandKind::Resume}, {"next", CommandKind::NextSpeaker}, {"undo", CommandKind::UndoSplit}};
        if (token.empty())
            return reply_error(res, 403, "remote control is off: no API token is set (secret \"lectern-api\", see README)");
        if (!bearer_token_matches(req, token))
            return refuse_unauthorized(res, "Bearer", "remote control needs \"Authorization: Bearer <API token>\"");
        const std::string word = req.matches[1];
        auto found = words.find(word);
        if (found == words.end()) return reply_error(res, 404, "no command \"" + word + "\"; use start, stop, pause, resume, next or undo");
        auto refused = inbox.submit(Command{found->second}, "api " + req.remote_addr, std::chrono::seconds(10));
        if (refused) return reply_error(res, 409, *refused);
        reply(res, 200, nlohmann::json{{"done", word}}.dump() + "\n", "application/json");
    });
}

}  // namespace lectern
