#include "media/ws_url.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace bluemeet::media {

std::string WsUrl::host_header() const {
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != 80) h += ":" + std::to_string(port);
  return h;
}

std::optional<WsUrl> parse_ws_url(std::string_view text) {
  auto parsed = boost::urls::parse_absolute_uri(text);
  if (!parsed) return std::nullopt;
  const auto& u = *parsed;
  if (u.scheme_id() != boost::urls::scheme::ws) return std::nullopt;
  if (!u.has_authority() || u.host().empty() || u.has_userinfo()) return std::nullopt;
  WsUrl out;
  out.host = u.host_type() == boost::urls::host_type::ipv6 ? std::string(u.host_address()) : std::string(u.host());
  if (u.has_port()) {
    if (u.port_number() == 0) return std::nullopt;
    out.port = u.port_number();
  }
  out.target = std::string(u.encoded_path());
  if (out.target.empty()) out.target = "/";
  if (u.has_query()) {
    out.target.push_back('?');
    out.target.append(u.encoded_query());
  }
  return out;
}

}  // namespace bluemeet::media
