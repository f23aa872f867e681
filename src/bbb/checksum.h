// BBB's request authentication: hex(H(callName + rawQueryWithoutChecksum + secret)).
//
// Everything here works on the query string exactly as received: clients
// encode differently (%20 or +, * or %2A, any order) and each signs what it
// sent, so decoding and re-encoding would break some of them.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "util/crypto.h"

namespace bluemeet::bbb {

// Which algorithms a server accepts (BBB's supportedChecksumAlgorithms).
struct AlgorithmSet {
  bool sha1 = true, sha256 = true, sha384 = true, sha512 = true;
  bool allows(util::HashAlg a) const;
  // Parses "sha1,sha256,..." (case-insensitive); nullopt on an unknown name or an empty list.
  static std::optional<AlgorithmSet> parse(std::string_view list);
  std::string to_string() const;
};

// The algorithm a checksum of this length was made with: 40/64/96/128 hex digits.
std::optional<util::HashAlg> algorithm_for_length(std::size_t hex_length);

struct SplitQuery {
  std::string without_checksum;  // the raw query with every checksum=... pair removed
  std::string checksum;          // the first checksum value, raw
  int checksum_count = 0;
};
// Removes the checksum pair(s) textually, keeping every other byte in place.
SplitQuery split_checksum(std::string_view raw_query);

enum class ChecksumVerdict {
  ok,
  missing,      // no checksum parameter
  duplicate,    // checksum given more than once
  bad_length,   // not 40/64/96/128 hex digits
  not_allowed,  // the algorithm is not in the allowed set
  mismatch,
};

struct ChecksumOutcome {
  ChecksumVerdict verdict = ChecksumVerdict::missing;
  int secret_index = -1;  // which of the secrets matched (for key rotation)
  util::HashAlg alg = util::HashAlg::sha1;
  bool ok() const { return verdict == ChecksumVerdict::ok; }
};

// What a request offers to be checked. For a POST whose parameters all sit in
// a form body, BBB 3.0 signs the empty query string; older servers signed the
// sorted, re-encoded parameters, and some proxies sign the raw body.
struct SignedRequest {
  std::string_view call;       // "create", "hooks/create", ...
  std::string_view raw_query;  // as received, without the leading '?'
  std::optional<std::string_view> form_body;  // raw x-www-form-urlencoded body of a POST
};

struct ChecksumOptions {
  AlgorithmSet algorithms;
  // Accept, for a POST with an empty query and a form body, a checksum over
  // the empty string (BBB 3.0, Scalelite). It leaves body parameters unsigned.
  bool allow_empty_query_post = true;
  // Accept checksums over the raw form body and over the sorted re-encoded
  // form parameters (BBB 2.4-2.6, bbblb).
  bool allow_body_checksum = true;
};

// Checks the request against each secret; the comparison is constant-time.
ChecksumOutcome verify_checksum(const SignedRequest& req, std::span<const std::string> secrets,
                                const ChecksumOptions& opts);

// The checksum a client computes (lower-case hex).
std::string compute_checksum(util::HashAlg alg, std::string_view call, std::string_view query,
                             std::string_view secret);

}  // namespace bluemeet::bbb
