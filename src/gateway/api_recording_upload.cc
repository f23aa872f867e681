// The upload endpoint for servers without shared storage: a server POSTs its
// spool tar (Scalelite's transfer format) to /gateway/recordings/upload with
// "Authorization: Bearer <upload token>" (recording/upload_token.h), signed
// with the secret the gateway knows it by. The body streams into the spool
// under a dot-name the importer ignores, and is renamed into view only once
// its digest matches the token: from then on it is any other spool tar.
#include <filesystem>
#include <spdlog/spdlog.h>

#include "gateway/api.h"
#include "gateway/recording_importer.h"
#include "gateway/server_pool.h"
#include "gateway/service.h"
#include "recording/upload_token.h"
#include "util/clock.h"
#include "util/random.h"

namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace bluemeet::gateway {

using net::HttpResponse;

namespace {

long long now_seconds() { return util::now_millis() / 1000; }

}  // namespace

std::optional<std::int64_t> GatewayApi::upload_sender(const net::HttpRequest& req) const {
  auto token = recording::bearer_token(req.header("authorization"));
  if (token.empty()) return std::nullopt;
  auto now = now_seconds();
  for (const auto& s : svc_.pool().snapshots()) {
    const auto* cfg = svc_.pool().config(s.id);
    if (cfg && recording::verify_upload_token(token, cfg->secret, now)) return s.id;
  }
  return std::nullopt;
}

net::BodyDecision GatewayApi::route_body(const net::HttpRequest& head) const {
  if (head.path() != kRecordingUploadPath) return {};
  auto* importer = svc_.recordings();
  if (!importer) return HttpResponse::text(404, "this gateway keeps no recordings\n");
  if (head.method != net::Method::post) return HttpResponse::text(405, "method not allowed\n");
  // Nothing is stored for a sender the gateway cannot name.
  if (!upload_sender(head)) {
    spdlog::warn("recording upload from {} refused: no server's upload token", head.remote_address);
    return std::move(HttpResponse::text(401, "a server's upload token is required\n")
                         .with_header("WWW-Authenticate", "Bearer realm=\"bluemeet-recordings\""));
  }
  auto path = importer->root() / "spool" / (".upload-" + util::random_lower_alnum(16) + ".part");
  return net::BodyToFile{path.string(), recording::ExtractLimits{}.max_total_bytes};
}

asio::awaitable<HttpResponse> GatewayApi::recording_upload(net::HttpRequest& req) {
  auto* importer = svc_.recordings();
  auto sender = upload_sender(req);
  // route_body streamed the body only for a known sender; anything else here was never an upload.
  if (!importer || !sender || req.body_file.empty()) co_return HttpResponse::text(400, "not an upload\n");
  auto token = recording::bearer_token(req.header("authorization"));
  auto digest = recording::verify_upload_token(token, svc_.pool().config(*sender)->secret, now_seconds());
  if (!digest || *digest != req.body_sha256) {
    spdlog::warn("recording upload from server {} refused: its body does not match its token", *sender);
    co_return HttpResponse::text(400, "the body's SHA-256 does not match the token\n");
  }
  // Named by content: the same tar sent twice lands on one name, and imports once more at most (idempotently).
  auto name = "upload-" + std::to_string(*sender) + "-" + digest->substr(0, 32) + ".tar";
  std::error_code ec;
  fs::rename(req.body_file, importer->root() / "spool" / name, ec);
  if (ec) {
    spdlog::error("recording upload from server {}: cannot move it into the spool: {}", *sender, ec.message());
    co_return HttpResponse::text(507, "cannot store the upload\n");
  }
  spdlog::info("recording upload from server {}: {} ({} bytes) in the spool", *sender, name, req.body_file_size);
  co_return HttpResponse::json("{\"stored\":\"" + name + "\",\"bytes\":" + std::to_string(req.body_file_size) + "}");
}

}  // namespace bluemeet::gateway
