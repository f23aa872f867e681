#include "net/content_type.h"

namespace bluemeet::net {

std::string_view content_type_for(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json") || ends(".webmanifest")) return "application/json";
  if (ends(".xml")) return "application/xml";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  if (ends(".vtt")) return "text/vtt; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".jpg") || ends(".jpeg")) return "image/jpeg";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".mp3")) return "audio/mpeg";
  if (ends(".ogg") || ends(".opus")) return "audio/ogg";
  if (ends(".webm")) return "video/webm";
  if (ends(".mp4") || ends(".m4v")) return "video/mp4";
  if (ends(".pdf")) return "application/pdf";
  return "application/octet-stream";
}

}  // namespace bluemeet::net
