// `lectern uploads …`: list, retry, pause, cancel, add and run jobs from the command line, for the
// technician and for rack-mounted recorders without a screen.
#pragma once

#include <string>
#include <vector>

namespace lectern {

// args are the words after "uploads". Returns the process exit code.
int run_uploads_command(const std::vector<std::string>& args);

}  // namespace lectern
