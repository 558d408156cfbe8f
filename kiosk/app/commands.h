// Sub-commands of the lectern binary that need no display: check-config, agenda show.
#pragma once

#include <string>
#include <vector>

namespace lectern {

int run_check_config_command(const std::vector<std::string>& args);
int run_agenda_command(const std::vector<std::string>& args);
int run_hash_pin_command(const std::vector<std::string>& args);
void print_usage();

// Exit statuses shared by every command.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;   // something went wrong at run time
constexpr int kExitBadInput = 2;  // the user's file or arguments need fixing

}  // namespace lectern
