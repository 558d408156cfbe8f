// Test support: read a PNG back (to check a screenshot is really drawn) and run a command.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct PngImage {
    unsigned width = 0, height = 0;
    std::vector<uint8_t> rgba;

    static PngImage read(const std::string& path);  // throws std::runtime_error
    size_t distinct_colours() const;
    // Pixels within `tolerance` of the colour in each channel.
    size_t count_near(uint8_t r, uint8_t g, uint8_t b, int tolerance = 12) const;
};

// Runs a command, returns its stdout and exit status.
struct CommandResult {
    int status = -1;
    std::string out;
};
CommandResult run_command(const std::string& command);
