// agenda.url's user and password, from the secret agenda.secret names (environment first, then
// upload.secrets_file), as the upload targets get theirs. Shared by the kiosk and `lectern run --headless`.
#pragma once

#include "agenda_fetch.h"
#include "lectern_config.h"

namespace lectern {

// Empty when agenda.secret is not set (an anonymous URL). Throws std::runtime_error when the
// secrets file is readable by others (Secrets::load names the chmod).
FetchCredentials agenda_credentials(const LecternConfig& config);

}  // namespace lectern
