// Query strings and form bodies as BBB clients send them.
//
// Parsing keeps the parameters in order and decodes `+` and %XX as
// application/x-www-form-urlencoded does. The checksum is never computed over
// decoded values: see checksum.h, which works on the raw bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bluemeet::bbb {

// Limits that keep a hostile request from costing memory or time.
inline constexpr std::size_t kMaxParams = 512;
inline constexpr std::size_t kMaxQueryBytes = 64 * 1024;

class Params {
 public:
  using Entry = std::pair<std::string, std::string>;

  // Decodes a raw query string or form body. Returns nullopt when it has more
  // than kMaxParams parameters. Malformed %-escapes are kept literally, as
  // servlet containers do.
  static std::optional<Params> parse(std::string_view raw);

  // The first value of key, if present.
  const std::string* find(std::string_view key) const;
  std::string get(std::string_view key, std::string_view fallback = {}) const;
  bool has(std::string_view key) const { return find(key) != nullptr; }
  std::size_t count(std::string_view key) const;
  // The value as a BBB boolean ("true"/"false", case-insensitive); fallback otherwise.
  bool get_bool(std::string_view key, bool fallback) const;
  // A non-negative integer, clamped to max; nullopt if absent or malformed.
  std::optional<long long> get_uint(std::string_view key, long long max) const;

  void add(std::string key, std::string value) { entries_.emplace_back(std::move(key), std::move(value)); }
  void set(std::string_view key, std::string value);  // replaces all values of key
  void erase(std::string_view key);
  // Adds the entries of other whose keys this does not have yet.
  void merge_missing(const Params& other);

  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

  // Form-encodes the parameters in order (space as +, RFC 3986 unreserved kept).
  std::string encode() const;

 private:
  std::vector<Entry> entries_;
};

// Percent-encodes one component: letters, digits and the characters in
// `keep` stay as they are; space becomes '+' when space_as_plus, else %20;
// everything else is %XX with upper-case hex. Clients differ only in `keep`.
std::string url_encode(std::string_view s, std::string_view keep, bool space_as_plus);

// %XX and + decoding of one component.
std::string form_decode(std::string_view s);
// Encodes one component: unreserved characters (A-Z a-z 0-9 - . _ ~) stay,
// space becomes '+', everything else %XX (upper-case hex).
std::string form_encode(std::string_view s);
// As form_encode, but space becomes %20 (encodeURIComponent-like).
std::string percent_encode(std::string_view s);

// Appends "key=value" (already encoded) to a URL's query, keeping what is there.
std::string append_query(std::string_view url, std::string_view encoded_pair);

}  // namespace bluemeet::bbb
