# Unit tests of src/gateway/store. Included from tests/unit/CMakeLists.txt
# (GTest found, GoogleTest included). The PostgreSQL cases run only when
# BLUEMEET_TEST_PG_URL is set (scripts/test-postgres.sh start prints one);
# libpq gives each of them a schema of its own, and bluemeet_delivery is here
# to run the shared Outbox against the gateway's deliveries table.
add_executable(unit_gateway_store ${CMAKE_CURRENT_LIST_DIR}/gateway_store_test.cc)
target_link_libraries(unit_gateway_store PRIVATE
  bluemeet_gateway_store bluemeet_delivery bluemeet_asio PostgreSQL::PostgreSQL GTest::gtest_main)
gtest_discover_tests(unit_gateway_store)
target_sources(unit_gateway_store PRIVATE ${CMAKE_CURRENT_LIST_DIR}/text_tracks_store_test.cc)
