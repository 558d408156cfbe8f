// `lectern check-config [--strict] FILE`: validate a configuration (and the agenda it names); exit 2
// on problems. Warnings (the demo PIN left active) are printed; --strict refuses them too.
#include "commands.h"

#include "agenda_file.h"
#include "lectern_config.h"
#include "operator_access.h"
#include "toml_reader.h"

#include <iostream>
#include <string>
#include <vector>

namespace lectern {

int run_check_config_command(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    bool strict = false;
    for (const std::string& a : args) (a == "--strict" ? strict = true : (files.push_back(a), false));
    if (files.size() != 1) {
        std::cerr << "usage: lectern check-config [--strict] FILE\n";
        return kExitBadInput;
    }
    const std::string& file = files[0];
    try {
        LecternConfig config = load_config(file);
        if (const std::string& hash = config.operator_console.pin_hash; !hash.empty() && !pin_hash_problem(hash).empty())
            throw InputError({{file, 0, 0, "operator.pin_hash", pin_hash_problem(hash)}});
        if (!config.agenda.file.empty()) load_agenda_file(config.agenda.file);
        std::vector<std::string> warnings;
        if (config.operator_console.pin_hash.empty())
            warnings.push_back(file + ": 'operator.pin_hash' is not set, so the demo PIN 1234 opens the console; run `lectern "
                               "hash-pin` and paste the line it prints into [operator] pin_hash");
        for (const std::string& w : warnings) std::cerr << (strict ? "error: " : "warning: ") << w << "\n";
        if (strict && !warnings.empty()) return kExitBadInput;
        std::cout << file << ": OK" << (warnings.empty() ? "" : " (with warnings)") << "\n";
        return kExitOk;
    } catch (const InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
}

}  // namespace lectern
