/*
 * serve_api: the JSON answers of `marsad serve`, apart from HTTP.
 *
 * Each route takes a store, the shared analyzer and a way to read the
 * request's parameters, and gives a status and a JSON body; it knows
 * nothing of sockets, so the same code answers whatever front-end asks.
 * Bad input is a 4xx with the explanation `marsad search` would print;
 * only a failure of the archive itself is a 5xx.
 */
#ifndef MARSAD_SERVE_API_H
#define MARSAD_SERVE_API_H

#include <jansson.h>

#include "../store/store.h"
#include "../text/analyzer.h"

/* Results a page of /api/dups when the request does not say. */
#define API_DUPS_LIMIT 20
/* Copies and fragments listed with a document: a story copied by every
 * outlet of a large archive would otherwise make an unbounded answer. */
#define API_DOC_MAX_LINKS 200

struct api_params {
	/* The value of a query parameter, or NULL when it was not given. */
	const char *(*get)(void *ctx, const char *name);
	void *ctx;
};

struct api_reply {
	unsigned status;
	json_t *body;          /* owned by the caller after api_answer */
};

/* Answers GET /api/ROUTE (route is what follows "/api/"). */
void api_answer(struct mr_store *s, const struct mr_analyzer *a, const char *route,
		const struct api_params *p, struct api_reply *out);

/* {"error": {"status": N, "message": "..."}} */
json_t *api_error_body(unsigned status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
