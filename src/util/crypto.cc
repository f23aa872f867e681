#include "util/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstdio>
#include <stdexcept>

namespace bluemeet::util {
namespace {

const EVP_MD* md(HashAlg alg) {
  switch (alg) {
    case HashAlg::sha1: return EVP_sha1();
    case HashAlg::sha256: return EVP_sha256();
    case HashAlg::sha384: return EVP_sha384();
    case HashAlg::sha512: return EVP_sha512();
  }
  return EVP_sha1();
}

std::string to_hex(const unsigned char* p, unsigned n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(n * 2, '\0');
  for (unsigned i = 0; i < n; ++i) {
    out[2 * i] = digits[p[i] >> 4];
    out[2 * i + 1] = digits[p[i] & 0xf];
  }
  return out;
}

struct MdCtx {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~MdCtx() { EVP_MD_CTX_free(ctx); }
};

}  // namespace

std::string hex_digest(HashAlg alg, std::string_view data) { return hex_digest(alg, {data}); }

std::string hex_digest(HashAlg alg, std::initializer_list<std::string_view> parts) {
  MdCtx c;
  if (!c.ctx || EVP_DigestInit_ex(c.ctx, md(alg), nullptr) != 1) throw std::runtime_error("digest init failed");
  for (auto p : parts) EVP_DigestUpdate(c.ctx, p.data(), p.size());
  std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
  unsigned n = 0;
  EVP_DigestFinal_ex(c.ctx, buf.data(), &n);
  return to_hex(buf.data(), n);
}

struct Hasher::Ctx {
  MdCtx md;
};

Hasher::Hasher(HashAlg alg) : ctx_(std::make_unique<Ctx>()) {
  if (!ctx_->md.ctx || EVP_DigestInit_ex(ctx_->md.ctx, md(alg), nullptr) != 1)
    throw std::runtime_error("digest init failed");
}
Hasher::~Hasher() = default;
Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;

void Hasher::update(const void* data, std::size_t size) { EVP_DigestUpdate(ctx_->md.ctx, data, size); }

std::string Hasher::final_hex() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
  unsigned n = 0;
  EVP_DigestFinal_ex(ctx_->md.ctx, buf.data(), &n);
  return to_hex(buf.data(), n);
}

std::string file_hex_digest(HashAlg alg, const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw std::runtime_error("cannot read " + path);
  Hasher h(alg);
  std::array<char, 64 * 1024> buf{};
  while (auto n = std::fread(buf.data(), 1, buf.size(), f.get())) h.update(buf.data(), n);
  if (std::ferror(f.get())) throw std::runtime_error("cannot read " + path);
  return h.final_hex();
}

std::string hmac(HashAlg alg, std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
  unsigned n = 0;
  if (!HMAC(md(alg), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), buf.data(), &n))
    throw std::runtime_error("hmac failed");
  return std::string(reinterpret_cast<const char*>(buf.data()), n);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

bool constant_time_equal_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    // ASCII letters differ from their other case only in bit 0x20; fold it for letters only.
    auto fold = [](unsigned char c) -> unsigned char {
      unsigned char lower = c | 0x20;
      unsigned char is_letter = static_cast<unsigned char>((lower >= 'a') & (lower <= 'z'));
      return static_cast<unsigned char>(c | (is_letter << 5));
    };
    diff |= static_cast<unsigned char>(fold(a[i]) ^ fold(b[i]));
  }
  return diff == 0;
}

namespace {
constexpr char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string encode(std::string_view in, bool url) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto ch = [&](unsigned v) {
    char c = b64[v & 63];
    if (url && c == '+') c = '-';
    if (url && c == '/') c = '_';
    out.push_back(c);
  };
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    ch(v >> 18); ch(v >> 12); ch(v >> 6); ch(v);
  }
  std::size_t rest = in.size() - i;
  if (rest) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    ch(v >> 18); ch(v >> 12);
    if (rest == 2) ch(v >> 6);
    else if (!url) out.push_back('=');
    if (!url) out.push_back('=');
  }
  return out;
}

std::optional<std::string> decode(std::string_view in, bool url) {
  std::string out;
  out.reserve(in.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == (url ? '-' : '+')) v = 62;
    else if (c == (url ? '_' : '/')) v = 63;
    else if (c == '=') break;
    else if (!url && (c == '\n' || c == '\r' || c == ' ' || c == '\t')) continue;
    else return std::nullopt;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}
}  // namespace

std::string base64url_encode(std::string_view bytes) { return encode(bytes, true); }
std::optional<std::string> base64url_decode(std::string_view text) { return decode(text, true); }
std::string base64_encode(std::string_view bytes) { return encode(bytes, false); }
std::optional<std::string> base64_decode(std::string_view text) { return decode(text, false); }

std::string_view hash_name(HashAlg alg) {
  switch (alg) {
    case HashAlg::sha1: return "sha1";
    case HashAlg::sha256: return "sha256";
    case HashAlg::sha384: return "sha384";
    case HashAlg::sha512: return "sha512";
  }
  return "sha1";
}

}  // namespace bluemeet::util
