// The gateway's HTTP surface: the BBB API for every tenant (path prefix
// /t/<tenant>/, host label, or secret), the callbacks servers send back, and
// /metrics. A join: resolve the tenant, check the checksum with its secrets,
// find the meeting's row, make sure its server takes it (failover), and
// answer a 302 to that server's join URL signed with the server's secret.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <map>
#include <vector>

#include "bbb/query.h"
#include "gateway/store/meetings.h"
#include "gateway/store/recordings.h"
#include "net/http_server.h"
#include "net/http_types.h"
#include "recording/text_track_files.h"

namespace bluemeet::gateway {

class GatewayService;
struct TenantInfo;

class GatewayApi {
 public:
  explicit GatewayApi(GatewayService& svc) : svc_(svc) {}
  boost::asio::awaitable<net::HttpResponse> handle(net::HttpRequest& req);
  // The HTTP server's body router: recording uploads stream to the spool,
  // once their sender is known; every other body is read into memory.
  net::BodyDecision route_body(const net::HttpRequest& head) const;

  static constexpr std::string_view kRecordingUploadPath = "/gateway/recordings/upload";

 private:
  struct Call {
    net::HttpRequest& req;
    const TenantInfo& tenant;
    bbb::Params params;
  };
  boost::asio::awaitable<net::HttpResponse> api(net::HttpRequest& req, std::optional<std::string> tenant_name,
                                                std::string_view call);
  boost::asio::awaitable<net::HttpResponse> create(Call& c);
  boost::asio::awaitable<net::HttpResponse> join(Call& c);
  boost::asio::awaitable<net::HttpResponse> forward(Call& c, std::string_view call);
  boost::asio::awaitable<net::HttpResponse> get_meetings(Call& c);
  boost::asio::awaitable<net::HttpResponse> get_sessions(Call& c);
  // Asks the servers holding these meetings for `call` (no parameters) in
  // parallel: their answers by server id.
  boost::asio::awaitable<std::map<std::int64_t, std::string>> fan_out(const std::vector<db::MeetingRow>& rows,
                                                                      std::string_view call);
  boost::asio::awaitable<net::HttpResponse> metrics();
  // api_callbacks.cc: what servers send to the URLs the gateway gave them.
  boost::asio::awaitable<net::HttpResponse> callback(net::HttpRequest& req);
  // api_hooks.cc: tenants' hooks/* calls, and the events servers post.
  boost::asio::awaitable<net::HttpResponse> hooks(Call& c, std::string_view call);
  boost::asio::awaitable<net::HttpResponse> server_events(net::HttpRequest& req);
  // api_recordings.cc: the recording calls, and playback.
  boost::asio::awaitable<net::HttpResponse> recordings(Call& c, std::string_view call);
  boost::asio::awaitable<net::HttpResponse> playback(net::HttpRequest& req);
  // api_text_tracks.cc: getRecordingTextTracks and putRecordingTextTrack.
  boost::asio::awaitable<net::HttpResponse> get_text_tracks(Call& c);
  boost::asio::awaitable<net::HttpResponse> put_text_track(Call& c);
  // Where uploaded tracks are kept (needs recordings), and the format whose
  // playback path serves them.
  recording::TextTrackFiles text_track_files();
  static std::string text_tracks_format(const db::RecordingRow& r);
  // api_recording_upload.cc: tars from servers without shared storage.
  boost::asio::awaitable<net::HttpResponse> recording_upload(net::HttpRequest& req);
  // The server whose upload token the request carries (signature and expiry checked).
  std::optional<std::int64_t> upload_sender(const net::HttpRequest& req) const;

  GatewayService& svc_;
};

}  // namespace bluemeet::gateway
