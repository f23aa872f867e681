// Unpredictable identifiers (session tokens, passwords, user ids) from the
// operating system's CSPRNG via OpenSSL. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace bluemeet::util {

// n characters from [a-z0-9] (BBB's session tokens and user ids).
std::string random_lower_alnum(std::size_t n);
// n characters from [A-Za-z0-9] (BBB's generated passwords).
std::string random_alnum(std::size_t n);
// n bytes from the CSPRNG (salts, keys).
std::string random_bytes(std::size_t n);
// A uniformly distributed integer in [lo, hi].
std::uint64_t random_between(std::uint64_t lo, std::uint64_t hi);

}  // namespace bluemeet::util
