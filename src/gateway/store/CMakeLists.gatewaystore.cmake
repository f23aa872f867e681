# The gateway's schema (SQLite and PostgreSQL) and its queries. Included from
# src/CMakeLists.txt, hence the absolute paths.
add_library(bluemeet_gateway_store STATIC
  ${CMAKE_CURRENT_LIST_DIR}/schema.cc
  ${CMAKE_CURRENT_LIST_DIR}/tenants.cc
  ${CMAKE_CURRENT_LIST_DIR}/servers.cc
  ${CMAKE_CURRENT_LIST_DIR}/meetings.cc
  ${CMAKE_CURRENT_LIST_DIR}/meeting_documents.cc
  ${CMAKE_CURRENT_LIST_DIR}/hooks.cc
  ${CMAKE_CURRENT_LIST_DIR}/recordings.cc
  ${CMAKE_CURRENT_LIST_DIR}/text_tracks.cc
)
target_link_libraries(bluemeet_gateway_store PUBLIC bluemeet_store bluemeet_delivery bluemeet_bbb bluemeet_recording bluemeet_util Boost::json)
