#include "bbb/query.h"

#include "util/text.h"

namespace bluemeet::bbb {
namespace {

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string form_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < s.size() && hexval(s[i + 1]) >= 0 &&
               hexval(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string url_encode(std::string_view s, std::string_view keep, bool space_as_plus) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        (c != 0 && keep.find(static_cast<char>(c)) != std::string_view::npos)) {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ' && space_as_plus) {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string form_encode(std::string_view s) { return url_encode(s, "-._~", true); }
std::string percent_encode(std::string_view s) { return url_encode(s, "-._~", false); }

std::optional<Params> Params::parse(std::string_view raw) {
  Params p;
  while (!raw.empty()) {
    auto amp = raw.find('&');
    auto part = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view{} : raw.substr(amp + 1);
    if (part.empty()) continue;
    if (p.entries_.size() >= kMaxParams) return std::nullopt;
    auto eq = part.find('=');
    if (eq == std::string_view::npos) p.add(form_decode(part), "");
    else p.add(form_decode(part.substr(0, eq)), form_decode(part.substr(eq + 1)));
  }
  return p;
}

const std::string* Params::find(std::string_view key) const {
  for (const auto& [k, v] : entries_)
    if (k == key) return &v;
  return nullptr;
}

std::string Params::get(std::string_view key, std::string_view fallback) const {
  const auto* v = find(key);
  return v ? *v : std::string(fallback);
}

std::size_t Params::count(std::string_view key) const {
  std::size_t n = 0;
  for (const auto& e : entries_) n += e.first == key;
  return n;
}

bool Params::get_bool(std::string_view key, bool fallback) const {
  const auto* v = find(key);
  if (!v) return fallback;
  if (util::iequals(*v, "true")) return true;
  if (util::iequals(*v, "false")) return false;
  return fallback;
}

std::optional<long long> Params::get_uint(std::string_view key, long long max) const {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  auto s = util::trim(*v);
  if (s.empty() || s.size() > 18) return std::nullopt;
  long long n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n > max ? max : n;
}

void Params::set(std::string_view key, std::string value) {
  erase(key);
  add(std::string(key), std::move(value));
}

void Params::erase(std::string_view key) {
  std::erase_if(entries_, [&](const Entry& e) { return e.first == key; });
}

void Params::merge_missing(const Params& other) {
  for (const auto& [k, v] : other.entries_)
    if (!has(k)) add(k, v);
}

std::string Params::encode() const {
  std::string out;
  for (const auto& [k, v] : entries_) {
    if (!out.empty()) out.push_back('&');
    out += form_encode(k);
    out.push_back('=');
    out += form_encode(v);
  }
  return out;
}

std::string append_query(std::string_view url, std::string_view encoded_pair) {
  std::string out(url);
  auto hash = out.find('#');
  std::string fragment;
  if (hash != std::string::npos) {
    fragment = out.substr(hash);
    out.resize(hash);
  }
  if (out.find('?') == std::string::npos) out.push_back('?');
  else if (out.back() != '?' && out.back() != '&') out.push_back('&');
  out.append(encoded_pair);
  return out + fragment;
}

}  // namespace bluemeet::bbb
