// lectern: the kiosk, its screenshot mode and its display-free commands, dispatched from here.
#include "commands.h"
#include "toml_reader.h"

#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace lectern;
    using Command = int (*)(const std::vector<std::string>&);
    static const std::map<std::string, Command> commands = {
        {"check-config", run_check_config_command}, {"agenda", run_agenda_command},
        {"hash-pin", run_hash_pin_command},         {"record", run_record_command},
        {"devices", run_devices_command},           {"uploads", run_uploads_command},
        {"run", run_run_command},
        {"archive", run_archive_command},
    };
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string word = args.empty() ? "" : args[0];
    try {
        if (word == "--help" || word == "-h" || word == "help") {
            print_usage();
            return kExitOk;
        }
        if (auto command = commands.find(word); command != commands.end())
            return command->second(std::vector<std::string>(args.begin() + 1, args.end()));
        return run_kiosk_command(args);
    } catch (const InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    } catch (const std::invalid_argument& e) {
        std::cerr << "lectern: " << e.what() << "\n";
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::cerr << "lectern: " << e.what() << "\n";
        return kExitFailure;
    }
}
