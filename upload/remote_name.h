// Never overwrite a different file at a destination: before sending, a target asks what its
// remote name holds. Absent: send there. The same recording (size and SHA-256): nothing to send,
// the earlier upload stands (an attempt that ended before it was recorded as done). A different
// file: the next name is tried ("key~2" … "key~9") and the job remembers the one it took. Unknown:
// the server would not say (S3 credentials that may write but not read); the target then sends
// conditionally (If-None-Match: *) and treats a refusal as Different.
#pragma once

#include "upload_target.h"

#include <functional>
#include <string>

namespace lectern {

enum class RemoteCopy { Absent, Same, Different, Unknown };
using RemoteProbe = std::function<tl::expected<RemoteCopy, UploadError>(const std::string& key)>;

// Sets a.remote_key to the first name that is free or already holds this recording (saved with
// a.rename when it changed); returns true when the recording is already there.
tl::expected<bool, UploadError> claim_remote_name(UploadAttempt& a, const RemoteProbe& probe);

}  // namespace lectern
