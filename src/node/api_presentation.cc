// A meeting's documents, for the people in it: the link in the session
// protocol's PresentationDoc.url carries the user's session token, which
// decides the meeting; a document id of another meeting is simply not found.
#include "bbb/query.h"
#include "net/content_disposition.h"
#include "net/file_response.h"
#include "node/api.h"
#include "node/service.h"

namespace bluemeet::node {

using net::HttpResponse;

HttpResponse NodeApi::presentation_document(net::HttpRequest& req, std::string_view doc_id) {
  if (req.method != net::Method::get && req.method != net::Method::head)
    return HttpResponse::text(405, "method not allowed\n");
  auto params = bbb::Params::parse(req.query());
  auto ref = params ? svc_.registry().by_session(params->get("sessionToken")) : std::nullopt;
  // Waiting guests, removed users and ended meetings see nothing, like on the socket.
  if (!ref || ref->meeting->ended() || ref->user->removed || ref->user->guest_status != GuestStatus::allow)
    return HttpResponse::text(403, "forbidden\n");
  const Meeting& m = *ref->meeting;
  const PresentationDoc* doc = m.presentation().find(doc_id);
  if (!doc) return HttpResponse::text(404, "not found\n");
  auto r = net::file_response(svc_.presentation_files().file(m.internal_id(), doc->id), req.header("range"));
  if (r.status != 200 && r.status != 206) return r;
  r.content_type = std::string(content_type(doc->kind));
  // Shown inline by the client; saved under its own name when downloadable.
  r.headers.emplace_back("Content-Disposition", net::content_disposition(doc->downloadable, doc->name));
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Cache-Control", "private, max-age=3600");
  return r;
}

}  // namespace bluemeet::node
