#include "bbb/no_recordings.h"
#include "node/api.h"

namespace bluemeet::node {

net::HttpResponse NodeApi::recordings(Call& c, std::string_view call) {
  auto a = bbb::no_recordings_answer(call, c.params);
  return a.json ? net::HttpResponse::json(std::move(a.body)) : net::HttpResponse::xml(std::move(a.body));
}

}  // namespace bluemeet::node
