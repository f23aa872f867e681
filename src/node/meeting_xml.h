// The XML a BBB server answers about its meetings, in BBB 3.0's element order.
#pragma once

#include <string>

#include "bbb/xml_writer.h"
#include "node/meeting.h"

namespace bluemeet::node {

std::string create_response_xml(const Meeting& m, bool duplicate);
// The fields of one meeting as getMeetingInfo lists them (after returncode),
// also used for each <meeting> of getMeetings.
void write_meeting_fields(bbb::XmlWriter& w, const Meeting& m);
std::string meeting_info_xml(const Meeting& m);
std::string meetings_xml(const std::vector<Meeting*>& meetings);
std::string join_response_xml(const Meeting& m, const User& u, const std::string& url);

}  // namespace bluemeet::node
