#include "home_path.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace lectern {
namespace {

std::string home_dir() {
    if (const char* home = std::getenv("HOME"); home && *home) return home;
    // systemd services may run without HOME; the passwd entry still knows the user's home.
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir && *pw->pw_dir) return pw->pw_dir;
    return ".";
}

}  // namespace

std::string expand_home(const std::string& path) {
    if (path == "~" || path.rfind("~/", 0) == 0) return home_dir() + path.substr(1);
    return path;
}

}  // namespace lectern
