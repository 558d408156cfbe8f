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
    c.url = r.text("url", c.url);
    if (!c.url.empty() && c.url.rfind("http://", 0) != 0 && c.url.rfind("https://", 0) != 0)
        r.problem("url", "must start with http:// or https://, e.g. \"https://pretalx.example.org/conf/schedule.xml\"");
    if (!c.url.empty() && !c.file.empty()) r.problem("url", "and file are both set; keep one of them");
    if (url_holds_credentials(c.url))
        r.problem("url", "must not carry a user or password; name a secret with agenda.secret instead");
    c.secret = r.text("secret", c.secret);
    c.cache_dir = expand_home(r.text("cache_dir", c.cache_dir));
    c.fetch_timeout_seconds = static_cast<int>(r.integer("fetch_timeout_seconds", c.fetch_timeout_seconds, 1, 300));
    c.stale_after_seconds = static_cast<int>(r.integer("stale_after_seconds", c.stale_after_seconds, 10, 7 * 86400));
    c.ca_file = expand_home(r.text("ca_file", c.ca_file));
    c.changes_shown_minutes = static_cast<int>(r.integer("changes_shown_minutes", c.changes_shown_minutes, 0, 24 * 60));
    r.finish();
}

void read_display(TableReader r, DisplayConfig& c) {
    c.font = r.text("font", c.font);
    c.text_scale = r.number("text_scale", c.text_scale, 0.5, 3.0);
    c.page_seconds = static_cast<int>(r.integer("page_seconds", c.page_seconds, 3, 120));
    c.renderer = r.choice("renderer", c.renderer, {"auto", "gl", "software"});
    r.finish();
}

void read_timer(TableReader r, TimerConfig& c) {
    c.warning_minutes = static_cast<int>(r.integer("warning_minutes", c.warning_minutes, 1, 60));
    c.final_minutes = static_cast<int>(r.integer("final_minutes", c.final_minutes, 0, 30));
    if (c.final_minutes >= c.warning_minutes)
        r.problem("final_minutes", "must be less than warning_minutes (" + std::to_string(c.warning_minutes) + ")");
    r.finish();
}

void read_operator(TableReader r, OperatorConfig& c) {
    c.pin_hash = r.text("pin_hash", c.pin_hash);
    // The full check (salt, length) is pin_hash_problem() in the core; check-config runs it too.
    if (!c.pin_hash.empty() && c.pin_hash.rfind("pbkdf2-sha256$", 0) != 0)
        r.problem("pin_hash", "is not a PIN hash; make one with `lectern hash-pin` and paste the pbkdf2-sha256$… line it prints");
    c.tries_before_lockout = static_cast<int>(r.integer("tries_before_lockout", c.tries_before_lockout, 1, 20));
    c.lockout_seconds = static_cast<int>(r.integer("lockout_seconds", c.lockout_seconds, 1, 3600));
    c.idle_lock_seconds = static_cast<int>(r.integer("idle_lock_seconds", c.idle_lock_seconds, 10, 86400));
    c.lockout_file = r.text("lockout_file", c.lockout_file);
    r.finish();
}

void read_session(TableReader r, SessionConfig& c) {
    c.auto_record = r.boolean("auto_record", c.auto_record);
    c.padding_seconds = static_cast<int>(r.integer("padding_seconds", c.padding_seconds, 0, 1800));
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
    read_timer(r.table("timer"), config.timer);
    read_operator(r.table("operator"), config.operator_console);
    read_session(r.table("session"), config.session);
    read_media(r.table("media"), config.media);
    read_upload(r.table("upload"), config.upload);
    read_web(r.table("web"), config.web);
    read_archive(r.table("archive"), config.archive);
    read_opencast(r.table("opencast"), config.opencast);
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
