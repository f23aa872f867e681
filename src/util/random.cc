#include "util/random.h"

#include <openssl/rand.h>

#include <stdexcept>
#include <string_view>

namespace bluemeet::util {
namespace {

std::uint64_t random_u64() {
  std::uint64_t v = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&v), sizeof v) != 1) throw std::runtime_error("RAND_bytes failed");
  return v;
}

std::string from_alphabet(std::string_view alphabet, std::size_t n) {
  std::string out(n, '\0');
  for (auto& c : out) c = alphabet[random_between(0, alphabet.size() - 1)];
  return out;
}

}  // namespace

std::uint64_t random_between(std::uint64_t lo, std::uint64_t hi) {
  std::uint64_t span = hi - lo + 1;
  if (span == 0) return random_u64();  // full range
  // Rejection sampling keeps the distribution uniform.
  std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
  std::uint64_t v;
  do v = random_u64(); while (v >= limit);
  return lo + v % span;
}

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  if (n && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
    throw std::runtime_error("RAND_bytes failed");
  return out;
}

std::string random_lower_alnum(std::size_t n) { return from_alphabet("abcdefghijklmnopqrstuvwxyz0123456789", n); }
std::string random_alnum(std::size_t n) {
  return from_alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", n);
}

}  // namespace bluemeet::util
