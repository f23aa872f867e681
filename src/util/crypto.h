// Hashes, HMACs and encodings from OpenSSL, with the small surface the
// protocol code needs. All functions are thread-safe and allocation-light.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace bluemeet::util {

enum class HashAlg { sha1, sha256, sha384, sha512 };

// Lower-case hex digest of data.
std::string hex_digest(HashAlg alg, std::string_view data);
// Same, over the concatenation of parts (no temporary joined string).
std::string hex_digest(HashAlg alg, std::initializer_list<std::string_view> parts);
// A digest fed piece by piece (a file, an upload as it arrives).
class Hasher {
 public:
  explicit Hasher(HashAlg alg);
  ~Hasher();
  Hasher(Hasher&&) noexcept;
  Hasher& operator=(Hasher&&) noexcept;
  void update(const void* data, std::size_t size);
  std::string final_hex();  // once; the hasher is spent afterwards

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};
// Lower-case hex digest of a file's bytes; throws std::runtime_error when it cannot be read.
std::string file_hex_digest(HashAlg alg, const std::string& path);

// Raw HMAC bytes.
std::string hmac(HashAlg alg, std::string_view key, std::string_view data);

// Compares two strings in time that depends only on their lengths.
bool constant_time_equal(std::string_view a, std::string_view b);
// Same, ignoring ASCII case (for hex checksums).
bool constant_time_equal_nocase(std::string_view a, std::string_view b);

std::string base64url_encode(std::string_view bytes);  // no padding
std::optional<std::string> base64url_decode(std::string_view text);  // padding optional
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);  // ignores whitespace

std::string_view hash_name(HashAlg alg);  // "sha1", "sha256", ...

}  // namespace bluemeet::util
