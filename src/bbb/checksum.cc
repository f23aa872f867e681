#include "bbb/checksum.h"

#include <algorithm>
#include <vector>

#include "bbb/query.h"
#include "util/text.h"

namespace bluemeet::bbb {

bool AlgorithmSet::allows(util::HashAlg a) const {
  switch (a) {
    case util::HashAlg::sha1: return sha1;
    case util::HashAlg::sha256: return sha256;
    case util::HashAlg::sha384: return sha384;
    case util::HashAlg::sha512: return sha512;
  }
  return false;
}

std::optional<AlgorithmSet> AlgorithmSet::parse(std::string_view list) {
  AlgorithmSet set{false, false, false, false};
  bool any = false;
  while (!list.empty()) {
    auto comma = list.find(',');
    auto name = util::to_lower_ascii(util::trim(list.substr(0, comma)));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (name.empty()) continue;
    if (name == "sha1") set.sha1 = true;
    else if (name == "sha256") set.sha256 = true;
    else if (name == "sha384") set.sha384 = true;
    else if (name == "sha512") set.sha512 = true;
    else return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return set;
}

std::string AlgorithmSet::to_string() const {
  std::string out;
  auto add = [&](bool on, const char* n) {
    if (!on) return;
    if (!out.empty()) out += ',';
    out += n;
  };
  add(sha1, "sha1");
  add(sha256, "sha256");
  add(sha384, "sha384");
  add(sha512, "sha512");
  return out;
}

std::optional<util::HashAlg> algorithm_for_length(std::size_t n) {
  switch (n) {
    case 40: return util::HashAlg::sha1;
    case 64: return util::HashAlg::sha256;
    case 96: return util::HashAlg::sha384;
    case 128: return util::HashAlg::sha512;
    default: return std::nullopt;
  }
}

SplitQuery split_checksum(std::string_view raw) {
  // Equivalent to BBB's three textual replacements (&checksum=X, checksum=X&,
  // checksum=X) for a single checksum, and counts duplicates, which BBB rejects.
  SplitQuery out;
  out.without_checksum.reserve(raw.size());
  bool first_part = true;
  while (true) {
    auto amp = raw.find('&');
    auto part = raw.substr(0, amp);
    if (part.starts_with("checksum=")) {
      if (out.checksum_count++ == 0) out.checksum = std::string(part.substr(9));
    } else {
      if (!first_part) out.without_checksum.push_back('&');
      out.without_checksum.append(part);
      first_part = false;
    }
    if (amp == std::string_view::npos) break;
    raw.remove_prefix(amp + 1);
  }
  return out;
}

std::string compute_checksum(util::HashAlg alg, std::string_view call, std::string_view query,
                             std::string_view secret) {
  return util::hex_digest(alg, {call, query, secret});
}

namespace {

// BBB 2.4-2.6 rebuilt the string from all parameters, keys sorted, values
// encoded with Java's URLEncoder (space as '+', '*' as %2A, '~' as %7E).
std::string legacy_sorted_query(std::string_view body) {
  auto params = Params::parse(body);
  if (!params) return {};
  std::vector<Params::Entry> entries;
  for (const auto& e : params->entries())
    if (e.first != "checksum") entries.push_back(e);
  std::stable_sort(entries.begin(), entries.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [k, v] : entries) {
    if (!out.empty()) out.push_back('&');
    out += k;
    out.push_back('=');
    out += url_encode(v, "-._*", true);  // Java URLEncoder
  }
  return out;
}

}  // namespace

ChecksumOutcome verify_checksum(const SignedRequest& req, std::span<const std::string> secrets,
                                const ChecksumOptions& opts) {
  ChecksumOutcome out;
  auto split = split_checksum(req.raw_query);
  // The strings the checksum may have been computed over.
  std::vector<std::string> candidates;
  bool body_params = split.without_checksum.empty() && req.form_body && !req.form_body->empty();
  if (!body_params) {
    candidates.push_back(std::move(split.without_checksum));
  } else {
    // A POST whose parameters all sit in the body; the checksum may too.
    auto body_split = split_checksum(*req.form_body);
    if (split.checksum_count == 0) {
      split.checksum_count = body_split.checksum_count;
      split.checksum = body_split.checksum;
    }
    if (opts.allow_empty_query_post) candidates.emplace_back();
    if (opts.allow_body_checksum) {
      candidates.push_back(std::move(body_split.without_checksum));
      candidates.push_back(legacy_sorted_query(*req.form_body));
    }
  }

  if (split.checksum_count == 0) return out;  // missing
  if (split.checksum_count > 1) {
    out.verdict = ChecksumVerdict::duplicate;
    return out;
  }
  auto alg = algorithm_for_length(split.checksum.size());
  if (!alg) {
    out.verdict = ChecksumVerdict::bad_length;
    return out;
  }
  out.alg = *alg;
  if (!opts.algorithms.allows(*alg)) {
    out.verdict = ChecksumVerdict::not_allowed;
    return out;
  }
  out.verdict = ChecksumVerdict::mismatch;
  // Every candidate and secret is tried, so timing does not tell which one matched.
  for (std::size_t s = 0; s < secrets.size(); ++s) {
    if (secrets[s].empty()) continue;  // an empty secret never authenticates anything
    for (const auto& candidate : candidates) {
      if (util::constant_time_equal_nocase(compute_checksum(*alg, req.call, candidate, secrets[s]), split.checksum) &&
          out.secret_index < 0) {
        out.verdict = ChecksumVerdict::ok;
        out.secret_index = static_cast<int>(s);
      }
    }
  }
  return out;
}

}  // namespace bluemeet::bbb
