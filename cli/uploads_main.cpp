// `lectern-uploads`: the uploads command as its own small program, without the display, for
// rack-mounted recorders, systemd services and the tests (which kill -9 it mid-upload).
#include "commands.h"

int main(int argc, char** argv) {
    return lectern::run_uploads_command(std::vector<std::string>(argv + 1, argv + argc));
}
