#include "err.h"

#include <stdarg.h>
#include <string.h>

__attribute__((format(printf, 6, 0)))
static int set(struct mr_err *err, enum mr_err_code code, size_t line,
	       int has_offset, size_t offset, const char *fmt, va_list ap)
{
	if (!err)
		return -1;
	err->code = code;
	err->line = line;
	err->has_offset = has_offset;
	err->offset = offset;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return -1;
}

int mr_err_set(struct mr_err *err, enum mr_err_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(err, code, 0, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int mr_err_at_line(struct mr_err *err, enum mr_err_code code, size_t line,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(err, code, line, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int mr_err_at_offset(struct mr_err *err, enum mr_err_code code, size_t offset,
		     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(err, code, 0, 1, offset, fmt, ap);
	va_end(ap);
	return -1;
}

void mr_err_clear(struct mr_err *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

void mr_err_print(FILE *to, const char *file, const struct mr_err *err)
{
	fputs("marsad: ", to);
	if (file) {
		fputs(file, to);
		if (err->line)
			fprintf(to, ":%zu", err->line);
		else if (err->has_offset)
			fprintf(to, ":@%zu", err->offset);
		fputs(": ", to);
	}
	fprintf(to, "%s\n", err->msg);
}
