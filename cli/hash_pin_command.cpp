// `lectern hash-pin`: read a console PIN on standard input and print the line for [operator] pin_hash.
#include "commands.h"

#include "operator_access.h"

#include <iostream>
#include <string>

#include <unistd.h>

namespace lectern {

int run_hash_pin_command(const std::vector<std::string>& args) {
    // --staff: the staff page's password ([archive] staff_password_hash), typed on a keyboard.
    const bool staff = args.size() == 1 && args[0] == "--staff";
    if (!args.empty() && !staff) {
        std::cerr << "usage: lectern hash-pin [--staff]   (then type the PIN, or the staff password, and press Enter)\n";
        return kExitBadInput;
    }
    if (isatty(STDIN_FILENO)) std::cerr << (staff ? "Staff password (8 characters or more): " : "PIN (4 to 12 digits): ") << std::flush;
    std::string pin;
    std::getline(std::cin, pin);
    if (staff && pin.size() < 8) {
        std::cerr << "lectern hash-pin: a staff password has at least 8 characters\n";
        return kExitBadInput;
    }
    if (!staff && (pin.size() < 4 || pin.size() > 12 || pin.find_first_not_of("0123456789") != std::string::npos)) {
        std::cerr << "lectern hash-pin: a PIN is 4 to 12 digits (the console's keypad has only digits)\n";
        return kExitBadInput;
    }
    std::cout << make_pin_hash(pin) << "\n";
    return kExitOk;
}

}  // namespace lectern
