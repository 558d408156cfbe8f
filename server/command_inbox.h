// Remote control without touching the recorder from HTTP threads: a request's Command waits in this
// inbox until the owner's loop (the one that owns the SessionController, like the console) applies
// it and answers. The HTTP thread waits for that answer, with a deadline; the loop never waits.
#pragma once

#include "session_controller.h"

#include <chrono>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <string>

namespace lectern {

struct RemoteCommand {
    Command command;
    std::string origin;  // "api 127.0.0.1", "opencast" — logged with the outcome
    std::promise<std::optional<std::string>> outcome;  // nullopt = done, else why it was refused
};

class CommandInbox {
public:
    explicit CommandInbox(size_t capacity = 16) : capacity_(capacity) {}

    // Called when a command arrives, so a loop that sleeps (the kiosk's SDL wait) can wake up.
    void set_wake(std::function<void()> wake);
    // Any thread: posts and waits up to `timeout` for the outcome. Refuses at once (with the reason)
    // when the inbox is full or nobody applied the command in time.
    std::optional<std::string> submit(Command command, std::string origin, std::chrono::milliseconds timeout);
    // The owner's loop: everything waiting, oldest first.
    std::deque<RemoteCommand> take();

private:
    size_t capacity_;
    std::mutex mutex_;
    std::deque<RemoteCommand> waiting_;
    std::function<void()> wake_;
};

// Applies what waits in the inbox through `controller` and logs each with its origin and outcome
// to stderr (journald). Returns how many were applied.
int apply_remote_commands(CommandInbox& inbox, SessionController& controller, TimePoint now);

const char* command_word(CommandKind kind);  // "start", "next", …

}  // namespace lectern
