#include "bbb/url_builder.h"

#include "bbb/checksum.h"

namespace bluemeet::bbb {

std::string signed_query(std::string_view call, const Params& params, std::string_view secret, util::HashAlg alg) {
  std::string q = params.encode();
  std::string cs = compute_checksum(alg, call, q, secret);
  if (!q.empty()) q.push_back('&');
  q += "checksum=";
  q += cs;
  return q;
}

std::string signed_url(std::string_view api_base, std::string_view call, const Params& params,
                       std::string_view secret, util::HashAlg alg) {
  std::string url(api_base);
  if (url.empty() || url.back() != '/') url.push_back('/');
  url.append(call);
  url.push_back('?');
  url += signed_query(call, params, secret, alg);
  return url;
}

}  // namespace bluemeet::bbb
