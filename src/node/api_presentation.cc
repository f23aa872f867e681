// A meeting's documents, for the people in it: the link in the session
// protocol's PresentationDoc.url carries the user's session token, which
// decides the meeting; a document id of another meeting is simply not found.
#include "bbb/query.h"
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
  // RFC 6266: an ASCII fallback name, and the real one percent-encoded.
  std::string ascii;
  for (unsigned char ch : doc->name) {
    if ((ch & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: one _ per character
    ascii.push_back(ch < 0x80 && ch != '\\' ? static_cast<char>(ch) : '_');
  }
  std::string disposition = doc->downloadable ? "attachment" : "inline";
  r.headers.emplace_back("Content-Disposition", disposition + "; filename=\"" + ascii +
                                                    "\"; filename*=UTF-8''" + bbb::percent_encode(doc->name));
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Cache-Control", "private, max-age=3600");
  return r;
}

}  // namespace bluemeet::node
