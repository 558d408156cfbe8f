// Who may use the guarded routes: remote control needs the API bearer token, the staff pages a
// staff password. Both compare in constant time (OpenSSL's CRYPTO_memcmp over SHA-256 digests, so
// neither the content nor the length of the expected secret leaks through timing). The expected
// values come from the secrets store (upload/secrets.h); they are never logged or echoed.
#pragma once

#include "web_types.h"

#include <string>
#include <string_view>

namespace lectern {

// Constant-time equality of two secrets of any length.
bool secrets_equal(std::string_view given, std::string_view expected);

// True when the request carries "Authorization: Bearer <expected>". An empty `expected` (no token
// configured) refuses every request: control stays closed until a token is set.
bool bearer_token_matches(const WebRequest& req, const std::string& expected);

// True when the request's HTTP Basic credentials carry `expected_password` (any user name, or
// exactly `expected_user` when it is not empty). Empty `expected_password` refuses everything.
bool staff_password_matches(const WebRequest& req, const std::string& expected_password,
                            const std::string& expected_user = "");

// Answers 401 with the challenge for the scheme ("Bearer" or "Basic") and a reason that names the fix.
void refuse_unauthorized(WebResponse& res, const std::string& scheme, const std::string& reason);

}  // namespace lectern
