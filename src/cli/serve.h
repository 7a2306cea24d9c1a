/*
 * serve: the HTTP front-end of `marsad serve` — the JSON API of
 * serve_api.h and the web page of web/, embedded in the binary.
 *
 * Threads.  libmicrohttpd runs a pool of worker threads, each with its own
 * connections; a request is answered start to end on the thread that read
 * it.  An SQLite connection must never be used by two threads at once, so
 * each worker opens its own read-only connection to the archive the first
 * time it answers (a thread-specific key closes it when the thread ends).
 * A pool of connections behind a mutex would serve as well, but a
 * connection per thread needs no lock on the path of every request and
 * keeps each connection's page cache warm for the thread that uses it.
 * The analyzer is read-only once built and shared by all.
 *
 * Read-only.  The connections are opened SQLITE_OPEN_READONLY: in WAL
 * mode an ingest writes beside the server, and each request reads the
 * archive as of its own read transaction.
 *
 * Answers to repeated API requests are kept for all workers (a cache
 * keyed by the request URI, --cache entries and SERVE_CACHE_BYTES at
 * most, behind a mutex held only to look up or replace an entry), and
 * thrown away as soon as the archive changes: each API request first
 * asks SQLite's data_version, which moves on whenever another connection
 * has committed, through one connection of the server's own so that every
 * worker compares with the same count.
 *
 * Bounds.  A request URI is at most SERVE_MAX_URI bytes (414), a request
 * body at most SERVE_MAX_BODY (413: no route takes one), and everything
 * else libmicrohttpd reads of a request fits in SERVE_MEMORY_LIMIT.
 * Query length and page size are bounded by search_run.
 *
 * Headers.  Every answer carries a Content-Security-Policy that allows
 * scripts, styles and requests to this server only (no inline script, no
 * other host), X-Content-Type-Options: nosniff, and no framing.
 */
#ifndef MARSAD_SERVE_H
#define MARSAD_SERVE_H

#include <sys/socket.h>

#include "../util/err.h"

#define SERVE_MAX_URI 8192
#define SERVE_MAX_BODY 16384
#define SERVE_MEMORY_LIMIT (64 * 1024)
#define SERVE_MAX_THREADS 64
#define SERVE_DEFAULT_CACHE 4096
#define SERVE_CACHE_BYTES (64u << 20)

struct serve_config {
	const char *db;          /* the archive */
	int listen_fd;           /* a bound, listening socket */
	unsigned threads;        /* worker threads */
	unsigned cache;          /* answers kept, 0 for none */
};

struct server;

/* Starts answering on c->listen_fd (the server owns it from then on). */
int serve_start(const struct serve_config *c, struct server **out, struct mr_err *err);
/* Stops the workers, closes their connections and frees the server. */
void serve_stop(struct server *srv);

#endif
