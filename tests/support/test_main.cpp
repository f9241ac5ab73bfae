// The one Boost.Test main shared by every test executable (Boost.Test as a linked library).
#define BOOST_TEST_MODULE optlab
#include <boost/test/unit_test.hpp>
