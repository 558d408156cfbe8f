// The last good copy of a programme fetched from agenda.url, kept on disk so that a kiosk that
// restarts while the network is down still shows it (with its age). One body file and one small JSON
// file per URL, named after the URL's SHA-256 (the URL itself, which may carry a token, is not stored).
#pragma once

#include "agenda.h"

#include <optional>
#include <string>

namespace lectern {

struct CachedCopy {
    std::string body;
    std::string etag;
    std::string last_modified;
    TimePoint confirmed_at{};  // when the server last said this copy is current (200 or 304)
};

class AgendaCache {
public:
    AgendaCache(const std::string& dir, const std::string& url);
    std::optional<CachedCopy> load() const;
    // Writes atomically (temporary file, then rename); returns "" or what went wrong.
    std::string store(const CachedCopy& copy) const;
    // A 304: rewrites only the small file (etag, last_modified, confirmed_at; the body is not read).
    std::string confirm(const CachedCopy& copy) const;

private:
    std::string dir_, body_path_, meta_path_;
};

// $XDG_CACHE_HOME/lectern, else ~/.cache/lectern.
std::string default_agenda_cache_dir();

}  // namespace lectern
