// The admin HTTP API: JSON under /admin/api/v1/, authorized by the admin
// token (Authorization: Bearer <token>), never by a tenant's secret. The same
// operations as `bluemeet admin`; described in docs/admin-api.yaml. Off when
// no token is configured.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "net/http_types.h"

namespace bluemeet::gateway {

class GatewayService;

boost::asio::awaitable<net::HttpResponse> handle_admin_api(GatewayService& svc, net::HttpRequest& req);

}  // namespace bluemeet::gateway
