#include "bbb/meta.h"

#include "util/text.h"

namespace bluemeet::bbb {

std::optional<std::string> meta_name(std::string_view key) {
  if (!key.starts_with("meta_") || key.size() < 6) return std::nullopt;
  auto name = key.substr(5);
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(name[0])) return std::nullopt;
  for (char c : name)
    if (!(alpha(c) || (c >= '0' && c <= '9') || c == '-')) return std::nullopt;
  return util::to_lower_ascii(name);
}

namespace {
void put(std::vector<std::pair<std::string, std::string>>& out, std::string k, const std::string& v) {
  for (auto& e : out)
    if (e.first == k) {
      e.second = v;
      return;
    }
  out.emplace_back(std::move(k), v);
}
}  // namespace

std::vector<std::pair<std::string, std::string>> collect_meta(const Params& params) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, v] : params.entries())
    if (auto name = meta_name(k)) put(out, std::move(*name), v);
  return out;
}

std::vector<std::pair<std::string, std::string>> collect_userdata(const Params& params) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, v] : params.entries()) {
    if (!k.starts_with("userdata-") || k.size() == 9) continue;
    put(out, k.substr(9), v);
  }
  return out;
}

}  // namespace bluemeet::bbb
