#include "optlab_test.hpp"
BOOST_AUTO_TEST_CASE(smoke) { BOOST_TEST(1 == 1); }
