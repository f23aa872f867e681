#include "portal/gateway_client.h"

#include <pugixml.hpp>

#include "bbb/url_builder.h"
#include "util/crypto.h"

namespace asio = boost::asio;

namespace bluemeet::portal {
namespace {

constexpr std::chrono::milliseconds kTimeout{8000};
// A create carrying a presentation of up to 20 MiB (27 in base64) may take a while on a slow link.
constexpr std::chrono::milliseconds kUploadTimeout{120000};

void append_xml_escaped(std::string& out, std::string_view s) {
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += ch;
    }
  }
}

pugi::xml_node response_of(const pugi::xml_document& doc, const std::string& body) {
  auto r = doc.child("response");
  if (!r) throw GatewayError("the gateway's answer is not BBB XML: " + body.substr(0, 120));
  return r;
}

}  // namespace

GatewayClient::GatewayClient(asio::any_io_executor ex, std::string api_base, std::string secret)
    : http_(std::make_shared<net::HttpClient>(std::move(ex))), api_base_(std::move(api_base)), secret_(std::move(secret)) {
  if (!api_base_.empty() && api_base_.back() != '/') api_base_ += '/';
}

std::string GatewayClient::url(std::string_view call, const bbb::Params& params) const {
  return bbb::signed_url(api_base_, call, params, secret_);
}

std::string presentation_modules(std::string_view file_name, std::string_view bytes) {
  std::string out = R"(<?xml version="1.0" encoding="UTF-8"?><modules><module name="presentation">)"
                    R"(<document current="true" downloadable="false" filename=")";
  append_xml_escaped(out, file_name);
  out += "\">";
  out += util::base64_encode(bytes);
  out += "</document></module></modules>";
  return out;
}

asio::awaitable<std::string> GatewayClient::call_api(std::string_view call, const bbb::Params& params,
                                                     std::string_view xml_body) {
  net::ClientRequest req;
  req.url = url(call, params);
  req.timeout = kTimeout;
  if (!xml_body.empty()) {
    req.method = net::Method::post;
    req.headers.emplace_back("Content-Type", "application/xml");
    req.body = std::string(xml_body);
    req.timeout = kUploadTimeout;
  }
  try {
    auto res = co_await http_->fetch(std::move(req));
    if (res.status != 200) throw GatewayError("the gateway answered " + std::to_string(res.status) + " to " + std::string(call));
    co_return std::move(res.body);
  } catch (const net::HttpClientError& e) {
    throw GatewayError(std::string("the gateway cannot be reached: ") + e.what());
  }
}

asio::awaitable<void> GatewayClient::create(const bbb::Params& params, std::string_view modules) {
  auto body = co_await call_api("create", params, modules);
  pugi::xml_document doc;
  doc.load_string(body.c_str());
  auto r = response_of(doc, body);
  std::string code = r.child_value("returncode");
  std::string key = r.child_value("messageKey");
  if (code == "SUCCESS" || key == "idNotUnique" || key == "duplicateWarning") co_return;
  throw GatewayError(std::string(r.child_value("message")) + " (" + key + ")");
}

asio::awaitable<bool> GatewayClient::is_running(const std::string& meeting_id) {
  bbb::Params p;
  p.add("meetingID", meeting_id);
  auto body = co_await call_api("isMeetingRunning", p);
  pugi::xml_document doc;
  doc.load_string(body.c_str());
  co_return std::string(response_of(doc, body).child_value("running")) == "true";
}

asio::awaitable<std::set<std::string>> GatewayClient::running_meetings() {
  const bbb::Params none;
  auto body = co_await call_api("getMeetings", none);
  pugi::xml_document doc;
  doc.load_string(body.c_str());
  std::set<std::string> out;
  for (auto m : response_of(doc, body).child("meetings").children("meeting"))
    if (std::string(m.child_value("running")) == "true") out.insert(m.child_value("meetingID"));
  co_return out;
}

asio::awaitable<std::optional<RecordingInfo>> GatewayClient::recording(const std::string& record_id) {
  bbb::Params p;
  p.add("recordID", record_id);
  p.add("state", "any");
  auto body = co_await call_api("getRecordings", p);
  pugi::xml_document doc;
  doc.load_string(body.c_str());
  auto rec = response_of(doc, body).child("recordings").child("recording");
  if (!rec) co_return std::nullopt;
  RecordingInfo info;
  info.record_id = rec.child_value("recordID");
  info.meeting_id = rec.child_value("meetingID");
  info.name = rec.child_value("name");
  info.published = std::string(rec.child_value("published")) == "true";
  info.start_time = std::atoll(rec.child_value("startTime"));
  info.end_time = std::atoll(rec.child_value("endTime"));
  info.participants = std::atoll(rec.child_value("participants"));
  for (auto f : rec.child("playback").children("format")) info.formats.emplace_back(f.child_value("type"), f.child_value("url"));
  co_return info;
}

asio::awaitable<void> GatewayClient::call_ok(std::string_view call, const bbb::Params& params) {
  auto body = co_await call_api(call, params);
  pugi::xml_document doc;
  doc.load_string(body.c_str());
  auto r = response_of(doc, body);
  if (std::string(r.child_value("returncode")) != "SUCCESS")
    throw GatewayError(std::string(call) + ": " + r.child_value("message"));
}

}  // namespace bluemeet::portal
