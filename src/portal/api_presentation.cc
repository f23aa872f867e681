// A room's default presentation: upload (streamed to a file by the HTTP
// server, then kept in the database), download, removal. Those who manage
// the room change it, and administrators who manage rooms.
#include <charconv>
#include <filesystem>
#include <fstream>
#include <spdlog/spdlog.h>

#include "bbb/query.h"
#include "net/content_disposition.h"
#include "portal/api.h"
#include "portal/db/presentations.h"
#include "portal/presentation_file.h"
#include "portal/service.h"
#include "util/crypto.h"
#include "util/document_type.h"
#include "util/random.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::portal {

using net::HttpRequest;
using net::HttpResponse;
using net::Method;

namespace {

constexpr std::string_view kRoomsPrefix = "/api/v1/rooms/";
constexpr std::string_view kPresentationSuffix = "/presentation";

HttpResponse too_large() { return json_error(413, "tooLarge", "A presentation is at most 20 MiB.", "file"); }

std::string read_head(const std::string& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string out(n, '\0');
  in.read(out.data(), static_cast<std::streamsize>(n));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return out;
}

std::string read_all(const std::string& path, std::uint64_t size) {
  std::ifstream in(path, std::ios::binary);
  std::string out(size, '\0');
  in.read(out.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size) throw std::runtime_error("the uploaded file is shorter than received");
  return out;
}

}  // namespace

json::value presentation_json(const std::optional<db::PresentationInfo>& p) {
  if (!p) return nullptr;
  return json::object{{"name", p->file_name}, {"size", p->size}, {"uploadedAt", p->uploaded_at}};
}

// Only this route takes a large body, and it goes to a file; everything
// else stays within the server's in-memory limit. A request that could
// never be accepted (no CSRF token, declared too large) is answered before
// a byte of its body is read.
net::BodyDecision PortalApi::route_body(const HttpRequest& head) const {
  auto path = head.path();
  if (head.method != Method::put || !path.starts_with(kRoomsPrefix) || !path.ends_with(kPresentationSuffix)) return {};
  auto cookie = head.cookie("bm_csrf");
  if (cookie.empty() || !util::constant_time_equal(cookie, head.header("x-csrf-token")))
    return json_error(403, "csrfInvalid", "This request is missing its CSRF token; reload the page.");
  if (auto length = head.header("content-length"); !length.empty()) {
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), n);
    if (ec != std::errc{} || n > kMaxPresentationBytes) return too_large();
  }
  auto file = std::filesystem::path(svc_.upload_dir()) / (".presentation-" + util::random_lower_alnum(16) + ".part");
  return net::BodyToFile{file.string(), kMaxPresentationBytes};
}

asio::awaitable<HttpResponse> PortalApi::room_presentation(Call& c, const db::Room& r, bool manager) {
  if (!c.user) co_return json_error(401, "unauthorized", "Sign in first.");
  if (!manager && !c.user->role.has("ManageRooms"))
    co_return json_error(403, "forbidden", "Only the room's owners change its presentation.");
  auto& store = svc_.store();
  std::int64_t room_id = r.id;

  if (c.req.method == Method::get) {
    auto p = co_await store.run([&](store::Connection& conn) { return db::presentation_of(conn, room_id); });
    if (!p) co_return json_error(404, "notFound", "This room has no presentation.");
    HttpResponse res;
    res.content_type = p->info.content_type;
    res.body = std::move(p->bytes);
    res.with_header("Content-Disposition", net::content_disposition(true, p->info.file_name));
    res.with_header("X-Content-Type-Options", "nosniff");
    res.with_header("Content-Security-Policy", "default-src 'none'; sandbox");
    res.with_header("Cache-Control", "private, no-store");
    co_return res;
  }
  if (c.req.method == Method::del) {
    bool removed = co_await store.run([&](store::Connection& conn) { return db::delete_presentation(conn, room_id); });
    if (!removed) co_return json_error(404, "notFound", "This room has no presentation.");
    co_return no_content();
  }
  if (c.req.method != Method::put) co_return json_error(405, "methodNotAllowed", "Method not allowed.");

  // route_body streamed the body to a file; an in-memory body here was empty.
  if (c.req.body_file.empty() || c.req.body_file_size == 0)
    co_return json_error(422, "invalidField", "Choose a file to upload.", "file");
  if (c.req.body_file_size > kMaxPresentationBytes) co_return too_large();
  auto query = bbb::Params::parse(c.req.query());
  auto name = clean_file_name(query ? query->get("name") : std::string());
  if (!name) co_return json_error(422, "invalidField", "Give the file's name (1 to 255 bytes, no control characters).", "name");
  auto type = std::string(util::document_type(read_head(c.req.body_file, 8)));
  if (type.empty()) co_return json_error(415, "unsupportedType", "A presentation is a PDF, PNG or JPEG file.", "file");

  db::Presentation p{{*name, type, c.req.body_sha256, static_cast<std::int64_t>(c.req.body_file_size), util::now_millis()}, {}};
  std::int64_t uploader = c.user->id;
  const std::string& path = c.req.body_file;
  std::uint64_t size = c.req.body_file_size;
  // Read on the store's thread, not the event loop: up to 20 MiB.
  co_await store.run([&](store::Connection& conn) {
    p.bytes = read_all(path, size);
    db::put_presentation(conn, room_id, p, uploader);
  });
  spdlog::info("room {}: presentation {} ({} bytes, {})", r.friendly_id, *name, size, type);
  co_return json_response(json::object{{"presentation", presentation_json(p.info)}});
}

}  // namespace bluemeet::portal
