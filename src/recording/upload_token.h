// The credential of a recording upload (a server without shared storage
// POSTs its spool tar to the gateway): a JWT, HS256 with the server's own
// secret (the one the gateway calls it with), that names the tar by its
// SHA-256. The gateway checks the signature from the request's head, before
// a byte is stored, and the digest once the body is in, so a captured token
// can only ever deliver the same tar again, which imports idempotently.
// Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bluemeet::recording {

inline constexpr std::string_view kUploadAudience = "bluemeet-recording-upload";
inline constexpr long long kUploadTokenSeconds = 3600;  // a slow link may take long to start a big upload

std::string sign_upload_token(std::string_view secret, std::string_view tar_sha256, long long now_seconds);

// The tar's SHA-256 the token vouches for, when it verifies with secret and is not expired.
std::optional<std::string> verify_upload_token(std::string_view token, std::string_view secret, long long now_seconds);

// The token of an "Authorization: Bearer <token>" header, or empty.
std::string_view bearer_token(std::string_view authorization);

}  // namespace bluemeet::recording
