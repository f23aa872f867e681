// BBB's rules for meta_* and userdata-* parameters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bbb/query.h"

namespace bluemeet::bbb {

// "meta_Foo-Bar" -> "foo-bar"; nullopt unless the key matches
// ^meta_[a-zA-Z][a-zA-Z0-9-]*$ (so meta_foo_bar and meta_1x are dropped).
std::optional<std::string> meta_name(std::string_view param_key);
// The metadata of a create (or updateRecordings) call, lower-cased names, in
// order; a later duplicate replaces the earlier value.
std::vector<std::pair<std::string, std::string>> collect_meta(const Params& params);
// "userdata-bbb_x" -> "bbb_x"; the key is everything after the first '-'.
std::vector<std::pair<std::string, std::string>> collect_userdata(const Params& params);

}  // namespace bluemeet::bbb
