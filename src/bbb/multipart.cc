#include "bbb/multipart.h"

#include <utility>

#include "util/text.h"

namespace bluemeet::bbb {
namespace {

constexpr std::string_view kCrlf = "\r\n";

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view skip_space(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}

// A header value split into its first item ("form-data") and its
// parameters, keys lower-cased, quoted values unescaped.
struct HeaderValue {
  std::string main;
  std::vector<std::pair<std::string, std::string>> params;
  const std::string* find(std::string_view key) const {
    for (const auto& [k, v] : params)
      if (k == key) return &v;
    return nullptr;
  }
};

std::optional<HeaderValue> split_header_value(std::string_view s) {
  HeaderValue out;
  auto semi = s.find(';');
  out.main = util::to_lower_ascii(util::trim(s.substr(0, semi)));
  s = semi == std::string_view::npos ? std::string_view{} : s.substr(semi + 1);
  while (!(s = skip_space(s)).empty()) {
    auto eq = s.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string key = util::to_lower_ascii(util::trim(s.substr(0, eq)));
    s = skip_space(s.substr(eq + 1));
    std::string value;
    if (!s.empty() && s.front() == '"') {
      // Quoted: backslash escapes the next character; the closing quote is required.
      std::size_t i = 1;
      for (; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        value += s[i];
      }
      if (i >= s.size()) return std::nullopt;
      s.remove_prefix(i + 1);
      s = skip_space(s);
      if (!s.empty() && s.front() != ';') return std::nullopt;
    } else {
      auto end = s.find(';');
      value = std::string(util::trim(s.substr(0, end)));
      s = s.substr(end == std::string_view::npos ? s.size() : end);
    }
    if (!s.empty()) s.remove_prefix(1);  // the ';'
    if (key.empty()) return std::nullopt;
    out.params.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

// One part's header block (without the blank line that ends it).
std::optional<FormPart> parse_part_headers(std::string_view block) {
  FormPart part;
  bool has_name = false;
  while (!block.empty()) {
    auto end = block.find(kCrlf);
    auto line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view{} : block.substr(end + kCrlf.size());
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    auto name = util::to_lower_ascii(line.substr(0, colon));
    auto value = line.substr(colon + 1);
    if (name == "content-disposition") {
      auto v = split_header_value(value);
      if (!v || v->main != "form-data") return std::nullopt;
      const auto* n = v->find("name");
      if (!n) return std::nullopt;
      part.name = *n;
      has_name = true;
      if (const auto* f = v->find("filename")) part.filename = *f;
      else if (v->find("filename*")) part.filename = "";  // RFC 5987 form: a file, its name unused
    } else if (name == "content-type") {
      auto v = split_header_value(value);
      if (!v) return std::nullopt;
      part.content_type = v->main;
    }
  }
  if (!has_name) return std::nullopt;
  return part;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  auto v = split_header_value(content_type);
  if (!v || v->main != "multipart/form-data") return std::nullopt;
  const auto* b = v->find("boundary");
  if (!b || b->empty() || b->size() > 70) return std::nullopt;
  return *b;
}

std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary,
                                                     const MultipartLimits& limits) {
  if (boundary.empty()) return std::nullopt;
  const std::string delimiter = "--" + std::string(boundary);
  const std::string inner = std::string(kCrlf) + delimiter;  // every delimiter but a first one at the very start

  // The preamble before the first delimiter is ignored, as RFC 2046 says.
  std::size_t pos;
  if (body.starts_with(delimiter)) {
    pos = delimiter.size();
  } else {
    pos = body.find(inner);
    if (pos == std::string_view::npos) return std::nullopt;
    pos += inner.size();
  }

  std::vector<FormPart> parts;
  for (;;) {
    auto rest = body.substr(pos);
    if (rest.starts_with("--")) return parts;  // the close delimiter; the epilogue is ignored
    // Transport padding, then the line break that ends the delimiter line.
    auto after = skip_space(rest);
    if (!after.starts_with(kCrlf)) return std::nullopt;
    pos = body.size() - after.size() + kCrlf.size();

    std::string_view headers;
    if (body.substr(pos).starts_with(kCrlf)) {
      pos += kCrlf.size();  // no headers at all
    } else {
      auto end = body.find("\r\n\r\n", pos);
      if (end == std::string_view::npos || end - pos > limits.max_header_bytes) return std::nullopt;
      headers = body.substr(pos, end - pos);
      pos = end + 4;
    }
    auto next = body.find(inner, pos);
    if (next == std::string_view::npos) return std::nullopt;
    auto part = parse_part_headers(headers);
    if (!part || parts.size() == limits.max_parts) return std::nullopt;
    part->data = body.substr(pos, next - pos);
    parts.push_back(std::move(*part));
    pos = next + inner.size();
  }
}

const FormPart* find_part(const std::vector<FormPart>& parts, std::string_view name) {
  for (const auto& p : parts)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace bluemeet::bbb
