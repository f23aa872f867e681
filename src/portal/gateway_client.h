// The portal's only way to the conference servers: the BBB API at the
// gateway, signed with the tenant's secret, like any other BBB app. Each
// call has a deadline; failures are GatewayError (the room page then says the
// service is unavailable rather than hanging).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "bbb/query.h"
#include "net/http_client.h"

namespace bluemeet::portal {

class GatewayError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RecordingInfo {
  std::string record_id, meeting_id, name;
  std::int64_t start_time = 0, end_time = 0, participants = 0;
  bool published = false;
  std::vector<std::pair<std::string, std::string>> formats;  // type, url
};

class GatewayClient {
 public:
  // api_base: "https://gw.example.org/t/campus/bigbluebutton/api/".
  GatewayClient(boost::asio::any_io_executor ex, std::string api_base, std::string secret);

  // The signed URL of a call (join: the browser goes there itself).
  std::string url(std::string_view call, const bbb::Params& params) const;
  // create: SUCCESS, or an existing meeting (idNotUnique and duplicateWarning
  // are success for a room that is already running). Throws GatewayError
  // with the BBB message otherwise.
  // With a `modules` XML body (pre-uploaded presentations) it is a POST, the
  // checksum over the query string only, as BBB's own API has it.
  boost::asio::awaitable<void> create(const bbb::Params& params, std::string_view modules = {});
  boost::asio::awaitable<bool> is_running(const std::string& meeting_id);
  // The meeting IDs running now (one getMeetings for a list of rooms).
  boost::asio::awaitable<std::set<std::string>> running_meetings();
  boost::asio::awaitable<std::optional<RecordingInfo>> recording(const std::string& record_id);
  // publishRecordings / updateRecordings / deleteRecordings; throws GatewayError on a FAILED answer.
  boost::asio::awaitable<void> call_ok(std::string_view call, const bbb::Params& params);

 private:
  // A GET, or a POST of an XML body when xml_body is not empty.
  boost::asio::awaitable<std::string> call_api(std::string_view call, const bbb::Params& params,
                                               std::string_view xml_body = {});

  std::shared_ptr<net::HttpClient> http_;
  std::string api_base_;
  std::string secret_;
};

// The <modules> body of a create that gives the meeting one current,
// not downloadable document.
std::string presentation_modules(std::string_view file_name, std::string_view bytes);

}  // namespace bluemeet::portal
