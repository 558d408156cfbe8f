// `lectern check-config FILE`: validate a configuration (and the agenda it names); exit 2 on problems.
#include "commands.h"

#include "agenda_file.h"
#include "lectern_config.h"
#include "operator_access.h"
#include "toml_reader.h"

#include <iostream>

namespace lectern {

int run_check_config_command(const std::vector<std::string>& args) {
    if (args.size() != 1) {
        std::cerr << "usage: lectern check-config FILE\n";
        return kExitBadInput;
    }
    try {
        LecternConfig config = load_config(args[0]);
        if (const std::string& hash = config.operator_console.pin_hash; !hash.empty() && !pin_hash_problem(hash).empty())
            throw InputError({{args[0], 0, 0, "operator.pin_hash", pin_hash_problem(hash)}});
        if (!config.agenda.file.empty()) load_agenda_file(config.agenda.file);
        std::cout << args[0] << ": OK\n";
        return kExitOk;
    } catch (const InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
}

}  // namespace lectern
