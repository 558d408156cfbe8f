// lectern: the kiosk, its screenshot mode and its display-free sub-commands.
#include "commands.h"
#include "kiosk_app.h"
#include "kiosk_options.h"
#include "toml_reader.h"

#include "record_command.h"
#include "uploads_command.h"

#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace lectern;
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string command = args.empty() ? "" : args[0];
    const std::vector<std::string> rest(args.empty() ? args.end() : args.begin() + 1, args.end());
    try {
        if (command == "--help" || command == "-h" || command == "help") {
            print_usage();
            return kExitOk;
        }
        if (command == "check-config") return run_check_config_command(rest);
        if (command == "agenda") return run_agenda_command(rest);
        if (command == "hash-pin") return run_hash_pin_command(rest);
        if (command == "record") return run_record_command(rest);
        if (command == "devices") return run_devices_command(rest);
        if (command == "uploads") return run_uploads_command(rest);
        KioskOptions options = parse_kiosk_options(args);
        return options.screenshot.empty() ? run_kiosk(options) : run_screenshot(options);
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
