#include "gateway/backend_client.h"

#include "bbb/url_builder.h"

namespace bluemeet::gateway {

std::string backend_url(const BackendTarget& target, std::string_view call, const bbb::Params& params) {
  return bbb::signed_url(target.api_url, call, params, target.secret, util::HashAlg::sha256);
}

boost::asio::awaitable<std::optional<BackendReply>> BackendClient::call(const BackendTarget& target, std::string_view call,
                                                                        const bbb::Params& params,
                                                                        std::chrono::milliseconds timeout,
                                                                        std::string body, std::string content_type) {
  net::ClientRequest req;
  req.url = backend_url(target, call, params);
  req.timeout = timeout;
  if (!body.empty()) {
    req.method = net::Method::post;
    req.body = std::move(body);
    req.headers.emplace_back("Content-Type", content_type.empty() ? "application/xml" : content_type);
  }
  try {
    auto res = co_await http_.fetch(std::move(req));
    co_return BackendReply{res.status, std::move(res.body)};
  } catch (const net::HttpClientError&) {
    co_return std::nullopt;
  }
}

}  // namespace bluemeet::gateway
