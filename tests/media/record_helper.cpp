// `lectern record` and `lectern devices` without the kiosk shell: the crash test kills this
// process with SIGKILL, and the error tests check its exit code and messages.
#include "commands.h"

#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "devices") return lectern::run_devices_command({args.begin() + 1, args.end()});
    if (!args.empty() && args[0] == "record") args.erase(args.begin());
    return lectern::run_record_command(args);
}
