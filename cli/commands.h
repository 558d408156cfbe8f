// Every `lectern …` command. cli/main.cpp dispatches the first word to one of these; each lives in
// its own file here (cli/<name>_command.cpp). args are the words after the command word; each
// returns the process exit status.
#pragma once

#include <string>
#include <vector>

namespace lectern {

int run_kiosk_command(const std::vector<std::string>& args);         // kiosk_command.cpp (no word)
int run_check_config_command(const std::vector<std::string>& args);  // check_config_command.cpp
int run_agenda_command(const std::vector<std::string>& args);        // agenda_command.cpp
int run_hash_pin_command(const std::vector<std::string>& args);      // hash_pin_command.cpp
int run_record_command(const std::vector<std::string>& args);        // record_command.cpp
int run_devices_command(const std::vector<std::string>& args);       // devices_command.cpp
int run_uploads_command(const std::vector<std::string>& args);       // uploads_command.cpp
int run_run_command(const std::vector<std::string>& args);           // run_command.cpp (headless)
int run_archive_command(const std::vector<std::string>& args);       // archive_command.cpp
void print_usage();                                                   // usage.cpp

// "30s", "5m", "1h", "90" (seconds), "2.5s"; negative when malformed (record --duration).
double parse_duration_seconds(const std::string& text);

// Exit statuses shared by every command.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;   // something went wrong at run time
constexpr int kExitBadInput = 2;  // the user's file or arguments need fixing

}  // namespace lectern
