// bbb-webhooks' API: hooks/create, hooks/list, hooks/destroy.
#include "bbb/webhooks.h"
#include "net/url.h"
#include "node/api.h"
#include "node/service.h"

namespace bluemeet::node {

using net::HttpResponse;

boost::asio::awaitable<HttpResponse> NodeApi::hooks_create(Call& c) {
  auto url = c.params.get("callbackURL");
  if (url.empty()) co_return HttpResponse::xml(bbb::errors::missing_callback_url());
  if (url.size() > bbb::kMaxHookUrlLength || !net::parse_http_url(url))
    co_return HttpResponse::xml(bbb::errors::create_hook_error());
  auto meeting_id = c.params.get("meetingID");
  if (const Hook* dup = svc_.hooks().find_duplicate(url, meeting_id))
    co_return HttpResponse::xml(bbb::hook_duplicate_xml(dup->id));
  if (svc_.hooks().size() >= bbb::kMaxHooks) co_return HttpResponse::xml(bbb::errors::create_hook_error());
  Hook h;
  h.callback_url = url;
  h.meeting_id = meeting_id;
  h.event_ids = bbb::parse_event_ids(c.params.get("eventID"));
  h.raw = c.params.get_bool("getRaw", false);
  std::int64_t id = 0;
  try {
    id = co_await svc_.add_hook(h);
  } catch (const std::exception&) {
    id = 0;
  }
  if (id == 0) co_return HttpResponse::xml(bbb::errors::create_hook_error());
  co_return HttpResponse::xml(bbb::hook_created_xml(id, h.raw));
}

boost::asio::awaitable<HttpResponse> NodeApi::hooks_destroy(Call& c) {
  if (c.params.get("hookID").empty()) co_return HttpResponse::xml(bbb::errors::missing_hook_id());
  auto id = c.params.get_uint("hookID", INT64_MAX);
  bool removed = false;
  if (id) {
    try {
      removed = co_await svc_.remove_hook(*id);
    } catch (const std::exception&) {
      co_return HttpResponse::xml(bbb::errors::destroy_hook_error());
    }
  }
  if (!removed) co_return HttpResponse::xml(bbb::errors::destroy_missing_hook());
  co_return HttpResponse::xml(bbb::hook_removed_xml());
}

HttpResponse NodeApi::hooks_list(Call& c) {
  std::optional<std::string_view> filter;
  const auto* mid = c.params.find("meetingID");
  if (mid && !mid->empty()) filter = *mid;
  return HttpResponse::xml(bbb::hooks_list_xml(svc_.hooks().list(filter)));
}

}  // namespace bluemeet::node
