/* main.c: runs every unit-test suite and prints "N passed, N failed". */
#include "test.h"

int test_checks_failed, tests_passed, tests_failed;

void test_linebreak(void);
void test_hyph(void);
void test_dlib(void);
void test_layout(void);
void test_index(void);
void test_diagram(void);
void test_edition(void);
void test_font(void);
void test_level(void);
void test_config(void);
void test_image(void);
void test_content(void);
void test_output(void);
void test_textloss(void);
void test_md(void);
void test_diag(void);
void test_par(void);
void test_since(void);
void test_lang(void);
void test_messages(void);
void test_tagtree(void);
void test_settle(void);
void test_srgb(void);
void test_infer(void);
void test_frontmatter(void);
void test_indexmark(void);
void test_pdfobj(void);
void test_objstm(void);
void test_speed(void);

int main(void)
{
	test_linebreak();
	test_hyph();
	test_dlib();
	test_layout();
	test_index();
	test_diagram();
	test_edition();
	test_font();
	test_level();
	test_config();
	test_image();
	test_content();
	test_output();
	test_textloss();
	test_md();
	test_diag();
	test_par();
	test_since();
	test_lang();
	test_messages();
	test_tagtree();
	test_settle();
	test_srgb();
	test_infer();
	test_frontmatter();
	test_indexmark();
	test_pdfobj();
	test_objstm();
	test_speed();
	printf("unit: %d passed, %d failed\n", tests_passed, tests_failed);
	printf("%d passed, %d failed\n", tests_passed, tests_failed);
	return tests_failed != 0;
}
