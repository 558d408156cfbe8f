// The headless commands, for rack-mounted recorders and for tests:
//   lectern record [--config FILE] [--out DIR] [--duration 30s] [--item ID]
//   lectern devices
// args are what follows the command word. Both return the process exit code.
#pragma once

#include <string>
#include <vector>

namespace lectern {

int run_record_command(const std::vector<std::string>& args);
int run_devices_command(const std::vector<std::string>& args);

// "30s", "5m", "1h", "90" (seconds), "2.5s"; negative when malformed.
double parse_duration_seconds(const std::string& text);

}  // namespace lectern
