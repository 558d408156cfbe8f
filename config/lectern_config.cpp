#include "lectern_config.h"

#include "toml_reader.h"

namespace lectern {
namespace {

void read_kiosk(TableReader r, KioskConfig& c) {
    c.id = r.text("id", c.id);
    if (c.id.empty()) r.problem("id", "must not be empty; name the kiosk, e.g. \"hall-a-lectern\"");
    c.screen = r.choice("screen", c.screen, {"lobby", "room", "timer"});
    c.room = r.text("room", c.room);
    c.fullscreen = r.boolean("fullscreen", c.fullscreen);
    r.finish();
}

void read_agenda(TableReader r, AgendaConfig& c) {
    c.file = r.text("file", c.file);
    c.demo_move_to_today = r.boolean("demo_move_to_today", c.demo_move_to_today);
    c.reload_seconds = static_cast<int>(r.integer("reload_seconds", c.reload_seconds, 1, 3600));
    r.finish();
}

void read_display(TableReader r, DisplayConfig& c) {
    c.font = r.text("font", c.font);
    c.text_scale = r.number("text_scale", c.text_scale, 0.5, 3.0);
    c.page_seconds = static_cast<int>(r.integer("page_seconds", c.page_seconds, 3, 120));
    r.finish();
}

LecternConfig read(const toml::table& root, const std::string& name) {
    ProblemList problems(name);
    LecternConfig config;
    config.source = name;
    TableReader r(root, "", problems);
    read_kiosk(r.table("kiosk"), config.kiosk);
    read_agenda(r.table("agenda"), config.agenda);
    read_display(r.table("display"), config.display);
    read_upload(r.table("upload"), config.upload);
    r.finish();
    problems.throw_if_any();
    return config;
}

}  // namespace

LecternConfig load_config(const std::string& file) { return read(parse_toml_file(file), file); }

LecternConfig load_config_text(const std::string& text, const std::string& name) {
    return read(parse_toml_text(text, name), name);
}

}  // namespace lectern
