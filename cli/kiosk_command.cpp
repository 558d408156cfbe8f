// `lectern [options]`: the kiosk itself, or one screen rendered offscreen with --screenshot.
#include "commands.h"

#include "kiosk_app.h"
#include "kiosk_options.h"
#include "window_renderer.h"
#include "local_time.h"

#include <cstdio>
#include <stdexcept>

namespace lectern {

KioskOptions parse_kiosk_options(const std::vector<std::string>& args) {
    KioskOptions o;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* form) -> const std::string& {
            if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value: " + a + " " + form);
            return args[++i];
        };
        if (a == "--config") o.config_file = value("FILE");
        else if (a == "--screenshot") o.screenshot = value("OUT.png");
        else if (a == "--screen") o.screen = value("lobby|room|timer|operator|recordings");
        else if (a == "--room") o.room = value("ID");
        else if (a == "--search") o.search = value("TEXT");
        else if (a == "--keyboard") o.keyboard = true;
        else if (a == "--message") o.message = value("TEXT");
        else if (a == "--state") o.state_file = value("FILE.json");
        else if (a == "--archive") o.archive_dir = value("DIR");
        else if (a == "--windowed") o.windowed = true;
        else if (a == "--size") {
            const std::string& s = value("WIDTHxHEIGHT, e.g. 1920x1080");
            if (std::sscanf(s.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 || o.height < 240 || o.width > 7680 ||
                o.height > 7680)
                throw std::invalid_argument("--size " + s + ": use WIDTHxHEIGHT between 320x240 and 7680x7680, e.g. 1920x1080");
        } else if (a == "--at") {
            const std::string& s = value("2024-04-29T09:40:00+08:00");
            o.at = parse_rfc3339(s);
            if (!o.at) throw std::invalid_argument("--at " + s + ": use an RFC 3339 time such as 2024-04-29T09:40:00+08:00");
        } else
            throw std::invalid_argument("unknown option " + a + "; see lectern --help");
    }
    return o;
}

int run_kiosk_command(const std::vector<std::string>& args) {
    // The kiosk's own question to a child of itself (kiosk/app/window_renderer.h); not for people.
    if (args.size() == 1 && args[0] == "--gl-renderer-name") return print_gl_renderer_name();
    KioskOptions options = parse_kiosk_options(args);
    return options.screenshot.empty() ? run_kiosk(options) : run_screenshot(options);
}

}  // namespace lectern
