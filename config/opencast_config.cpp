#include "opencast_config.h"

#include "home_path.h"
#include "toml_reader.h"
#include "upload_config.h"

namespace lectern {

void read_opencast(TableReader r, OpencastConfig& c) {
    c.url = r.text("url", c.url);
    while (!c.url.empty() && c.url.back() == '/') c.url.pop_back();
    if (!c.url.empty() && c.url.rfind("http://", 0) != 0 && c.url.rfind("https://", 0) != 0)
        r.problem("url", "must start with http:// or https://, e.g. \"https://opencast.example.org\"");
    if (url_holds_credentials(c.url))
        r.problem("url", "must not carry a user or password; name a secret with opencast.secret instead");
    c.agent_name = r.text("agent_name", c.agent_name);
    c.secret = r.text("secret", c.secret);
    c.auth = r.choice("auth", c.auth, {"digest", "basic"});
    c.address = r.text("address", c.address);
    c.update_seconds = static_cast<int>(r.integer("update_seconds", c.update_seconds, 1, 3600));
    c.cutoff_days = static_cast<int>(r.integer("cutoff_days", c.cutoff_days, 1, 366));
    c.cache_dir = expand_home(r.text("cache_dir", c.cache_dir));
    c.verify_tls = r.boolean("verify_tls", c.verify_tls);
    c.ca_file = expand_home(r.text("ca_file", c.ca_file));
    c.allow_insecure_http = r.boolean("allow_insecure_http", c.allow_insecure_http);
    if (c.auth == "basic" && c.url.rfind("http://", 0) == 0 && !c.allow_insecure_http)
        r.problem("auth", "basic over plain http:// would send the password readable; use https://, auth = \"digest\", "
                          "or allow_insecure_http = true in a lab");
    r.finish();
}

}  // namespace lectern
