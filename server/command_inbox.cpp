#include "command_inbox.h"

#include <cstdio>
#include <utility>

namespace lectern {

void CommandInbox::set_wake(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
}

std::optional<std::string> CommandInbox::submit(Command command, std::string origin, std::chrono::milliseconds timeout) {
    std::future<std::optional<std::string>> answer;
    std::function<void()> wake;
    {
        std::lock_guard lock(mutex_);
        if (waiting_.size() >= capacity_) return "Too many commands waiting; try again in a moment.";
        RemoteCommand rc{std::move(command), std::move(origin), {}};
        answer = rc.outcome.get_future();
        waiting_.push_back(std::move(rc));
        wake = wake_;
    }
    if (wake) wake();
    if (answer.wait_for(timeout) != std::future_status::ready)
        return "The recorder did not take the command within " + std::to_string(timeout.count()) +
               " ms; it may still be applied. Check /api/v1/status.";
    return answer.get();
}

std::deque<RemoteCommand> CommandInbox::take() {
    std::lock_guard lock(mutex_);
    return std::exchange(waiting_, {});
}

const char* command_word(CommandKind kind) {
    switch (kind) {
    case CommandKind::Start: return "start";
    case CommandKind::Stop: return "stop";
    case CommandKind::Pause: return "pause";
    case CommandKind::Resume: return "resume";
    case CommandKind::NextSpeaker: return "next";
    case CommandKind::UndoSplit: return "undo";
    case CommandKind::SkipItem: return "skip";
    case CommandKind::RecordItem: return "record-item";
    case CommandKind::SetStageMessage: return "stage-message";
    case CommandKind::Correct: return "correct";
    }
    return "?";
}

int apply_remote_commands(CommandInbox& inbox, SessionController& controller, TimePoint now) {
    int applied = 0;
    for (RemoteCommand& rc : inbox.take()) {
        std::optional<std::string> refused;
        try {
            refused = controller.apply(rc.command, now);
        } catch (const std::exception& e) {
            refused = e.what();
        }
        if (refused)
            std::fprintf(stderr, "<4>lectern: remote %s from %s refused: %s\n", command_word(rc.command.kind), rc.origin.c_str(),
                         refused->c_str());
        else
            std::fprintf(stderr, "<5>lectern: remote %s from %s done\n", command_word(rc.command.kind), rc.origin.c_str());
        rc.outcome.set_value(std::move(refused));
        ++applied;
    }
    return applied;
}

}  // namespace lectern
