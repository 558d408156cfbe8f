#include "remote_name.h"

namespace lectern {

tl::expected<bool, UploadError> claim_remote_name(UploadAttempt& a, const RemoteProbe& probe) {
    const std::string wanted = a.remote_key;
    for (int n = 1; n <= 9; ++n) {
        std::string key = n == 1 ? wanted : wanted + "~" + std::to_string(n);
        auto found = probe(key);
        if (!found) return tl::unexpected(found.error());
        if (*found == RemoteCopy::Different) continue;
        if (key != wanted) {
            a.remote_key = key;
            a.rename(key);
        }
        return *found == RemoteCopy::Same;
    }
    return tl::unexpected(UploadError{false, "the destination already holds nine other files named like " + wanted +
                                                 " and Lectern overwrites none; move them away or add {item_id} or "
                                                 "{kiosk_id} to the target's key_template, then retry the job"});
}

}  // namespace lectern
