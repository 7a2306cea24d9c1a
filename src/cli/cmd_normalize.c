#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../text/normalize.h"
#include "cli.h"

struct normalize_run {
	enum mr_norm_form form;
	struct buf out;
	int need_space;   /* search form: a long line came in pieces */
	struct mr_utf8_report report;
};

static int normalize_segment(const char *s, size_t n, size_t offset, int eol,
			     void *ctx)
{
	struct normalize_run *run = ctx;

	(void)offset;
	buf_reset(&run->out);
	if (run->form == MR_FORM_SEARCH) {
		/* the pieces of one long line are joined by one space, and a
		 * piece with no token adds nothing */
		size_t before;

		if (run->need_space)
			buf_addch(&run->out, ' ');
		before = run->out.len;
		mr_normalize(run->form, s, n, &run->out, &run->report);
		if (run->out.len == before)
			buf_reset(&run->out);
		else
			run->need_space = 1;
	} else {
		mr_normalize(run->form, s, n, &run->out, &run->report);
	}
	if (eol) {
		buf_addch(&run->out, '\n');
		run->need_space = 0;
	}
	return fwrite(run->out.data, 1, run->out.len, stdout) != run->out.len;
}

int cmd_normalize(int argc, char **argv)
{
	static const struct option options[] = {
		{ "for", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct normalize_run run = { MR_FORM_SEARCH, BUF_INIT, 0, { 0, 0 } };
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'f') {
			if (!strcmp(optarg, "search"))
				run.form = MR_FORM_SEARCH;
			else if (!strcmp(optarg, "display"))
				run.form = MR_FORM_DISPLAY;
			else
				return usage_error("normalize",
					"--for takes 'search' or 'display', not '%s'",
					optarg);
		} else {
			return common_option("normalize", opt);
		}
	}
	if (optind < argc)
		return usage_error("normalize", "unexpected argument '%s' (input is read from stdin)",
				   argv[optind]);
	rc = for_each_segment(stdin, normalize_segment, &run);
	buf_release(&run.out);
	if (rc < 0 || fflush(stdout)) {
		perror("marsad: normalize");
		return EXIT_USAGE;
	}
	return report_invalid_utf8("<stdin>", &run.report);
}
