// The node's HTTP surface: the BigBlueButton API under /bigbluebutton/api/,
// the web client under /client/, and /metrics. One entry point from the
// HTTP server; each BBB call is a member function in api_*.cc.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string_view>

#include "bbb/query.h"
#include "net/http_types.h"

namespace bluemeet::net {
class WebAssets;
}  // namespace bluemeet::net

namespace bluemeet::node {

class NodeService;

class NodeApi {
 public:
  NodeApi(NodeService& svc, const net::WebAssets& assets);
  boost::asio::awaitable<net::HttpResponse> handle(net::HttpRequest& req);

 private:
  struct Call {
    net::HttpRequest& req;
    bbb::Params params;
  };
  boost::asio::awaitable<net::HttpResponse> api(net::HttpRequest& req, std::string_view call);

  // api_meetings.cc
  boost::asio::awaitable<net::HttpResponse> create(Call& c);
  net::HttpResponse join(Call& c);
  net::HttpResponse end(Call& c);
  net::HttpResponse is_meeting_running(Call& c);
  net::HttpResponse get_meeting_info(Call& c);
  net::HttpResponse get_meetings(Call& c);
  net::HttpResponse get_sessions(Call& c);
  net::HttpResponse send_chat_message(Call& c);
  boost::asio::awaitable<net::HttpResponse> insert_document(Call& c);
  // api_hooks.cc
  boost::asio::awaitable<net::HttpResponse> hooks_create(Call& c);
  boost::asio::awaitable<net::HttpResponse> hooks_destroy(Call& c);
  net::HttpResponse hooks_list(Call& c);
  // api_recordings.cc (no recordings on a node yet: BBB's answers for none)
  net::HttpResponse recordings(Call& c, std::string_view call);
  net::HttpResponse text_tracks(Call& c, std::string_view call);  // getRecordingTextTracks, putRecordingTextTrack
  net::HttpResponse playback(std::string_view path, std::string_view range);
  // api_session_token.cc: calls authenticated by a client session token, not a checksum
  net::HttpResponse session_token_call(net::HttpRequest& req, std::string_view call);
  // A document of the meeting, for an admitted user of it (by session token).
  net::HttpResponse presentation_document(net::HttpRequest& req, std::string_view doc_id);

  net::HttpResponse metrics();

  NodeService& svc_;
  const net::WebAssets& assets_;
};

}  // namespace bluemeet::node
