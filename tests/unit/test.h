/* test.h: the unit-test harness.  A test is a function of CHECKs; RUN counts
 * it passed when none of its checks failed.  main.c prints "N passed, N failed". */
#ifndef HANDBOOK_TEST_H
#define HANDBOOK_TEST_H

#include <stdio.h>

extern int test_checks_failed; /* failed checks so far, in all tests */
extern int tests_passed, tests_failed;

#define CHECK(c) do { if (!(c)) { test_checks_failed++; \
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); } } while (0)

#define CHECK_EQ(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); if (a_ != b_) { \
	test_checks_failed++; fprintf(stderr, "%s:%d: check failed: %s == %s (%lld != %lld)\n", \
	__FILE__, __LINE__, #a, #b, a_, b_); } } while (0)

#define RUN(fn) do { int before_ = test_checks_failed; fn(); \
	if (test_checks_failed == before_) tests_passed++; \
	else { tests_failed++; fprintf(stderr, "FAIL %s\n", #fn); } } while (0)

#endif
