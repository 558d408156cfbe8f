#include "agenda_credentials.h"

#include "secrets.h"

namespace lectern {

FetchCredentials agenda_credentials(const LecternConfig& config) {
    if (config.agenda.secret.empty()) return {};
    const TargetSecret secret = Secrets::load(expand_home(config.upload.secrets_file)).get(config.agenda.secret);
    return {secret.user, secret.password};
}

}  // namespace lectern
