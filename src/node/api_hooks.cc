// bbb-webhooks' API: hooks/create, hooks/list, hooks/destroy.
#include "bbb/responses.h"
#include "bbb/xml_writer.h"
#include "net/url.h"
#include "node/api.h"
#include "node/service.h"

namespace bluemeet::node {

using net::HttpResponse;

boost::asio::awaitable<HttpResponse> NodeApi::hooks_create(Call& c) {
  auto url = c.params.get("callbackURL");
  if (url.empty())
    co_return HttpResponse::xml(bbb::error_xml("missingParamCallbackURL", "You must specify a callbackURL in the parameters."));
  auto create_error = [] {
    return HttpResponse::xml(bbb::error_xml("createHookError", "An error happened while creating your hook. Check the logs."));
  };
  if (url.size() > 2048 || !net::parse_http_url(url)) co_return create_error();
  auto meeting_id = c.params.get("meetingID");
  if (const Hook* dup = svc_.hooks().find_duplicate(url, meeting_id)) {
    bbb::XmlWriter w;
    w.open("response").elem("returncode", "SUCCESS").elem("hookID", dup->id);
    w.elem("messageKey", "duplicateWarning").elem("message", "There is already a hook for this callback URL.");
    co_return HttpResponse::xml(std::move(w).str());
  }
  if (svc_.hooks().size() >= kMaxHooks) co_return create_error();
  Hook h;
  h.callback_url = url;
  h.meeting_id = meeting_id;
  h.event_ids = parse_event_ids(c.params.get("eventID"));
  h.raw = c.params.get_bool("getRaw", false);
  std::int64_t id = 0;
  try {
    id = co_await svc_.add_hook(h);
  } catch (const std::exception&) {
    id = 0;
  }
  if (id == 0) co_return create_error();
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").elem("hookID", id);
  w.elem("permanentHook", false).elem("rawData", h.raw);
  co_return HttpResponse::xml(std::move(w).str());
}

boost::asio::awaitable<HttpResponse> NodeApi::hooks_destroy(Call& c) {
  auto id_text = c.params.get("hookID");
  if (id_text.empty())
    co_return HttpResponse::xml(bbb::error_xml("missingParamHookID", "You must specify a hookID in the parameters."));
  auto id = c.params.get_uint("hookID", INT64_MAX);
  bool removed = false;
  if (id) {
    try {
      removed = co_await svc_.remove_hook(*id);
    } catch (const std::exception&) {
      co_return HttpResponse::xml(
          bbb::error_xml("destroyHookError", "An error happened while removing your hook. Check the logs."));
    }
  }
  if (!removed)
    co_return HttpResponse::xml(bbb::error_xml("destroyMissingHook", "The hook informed was not found."));
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").elem("removed", true);
  co_return HttpResponse::xml(std::move(w).str());
}

HttpResponse NodeApi::hooks_list(Call& c) {
  std::optional<std::string_view> filter;
  const auto* mid = c.params.find("meetingID");
  if (mid && !mid->empty()) filter = *mid;
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS").open("hooks");
  for (const Hook* h : svc_.hooks().list(filter)) {
    w.open("hook").elem("hookID", h->id).cdata_elem("callbackURL", h->callback_url);
    if (!h->meeting_id.empty()) w.cdata_elem("meetingID", h->meeting_id);
    w.elem("permanentHook", h->permanent);
    if (!h->event_ids.empty()) {
      std::string ids;
      for (const auto& e : h->event_ids) ids += (ids.empty() ? "" : ",") + e;
      w.elem("eventID", ids);
    }
    w.elem("rawData", h->raw).close();
  }
  return HttpResponse::xml(std::move(w).str());
}

}  // namespace bluemeet::node
