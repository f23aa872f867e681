#include "net/url.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace bluemeet::net {

std::string HttpUrl::host_header() const {
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if ((tls && port != 443) || (!tls && port != 80)) h += ":" + std::to_string(port);
  return h;
}

std::optional<HttpUrl> parse_http_url(std::string_view text) {
  auto parsed = boost::urls::parse_absolute_uri(text);
  if (!parsed) return std::nullopt;
  const auto& u = *parsed;
  HttpUrl out;
  auto scheme = u.scheme_id();
  if (scheme == boost::urls::scheme::http) out.tls = false;
  else if (scheme == boost::urls::scheme::https) out.tls = true;
  else return std::nullopt;
  if (!u.has_authority() || u.host().empty() || u.has_userinfo()) return std::nullopt;
  out.host = u.host_type() == boost::urls::host_type::ipv6 ? std::string(u.host_address()) : std::string(u.host());
  if (u.has_port()) {
    auto p = u.port_number();
    if (p == 0) return std::nullopt;
    out.port = p;
  } else {
    out.port = out.tls ? 443 : 80;
  }
  out.target = std::string(u.encoded_path());
  if (out.target.empty()) out.target = "/";
  if (u.has_query()) {
    out.target.push_back('?');
    out.target.append(u.encoded_query());
  }
  return out;
}


}  // namespace bluemeet::net
