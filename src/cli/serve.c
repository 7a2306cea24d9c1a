#include "serve.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "../store/overview.h"
#include "../store/store.h"
#include "../text/analyzer.h"
#include "../util/xalloc.h"
#include "serve_api.h"

/* The page, embedded from web/ at build time (build/gen/web.c). */
extern const char mr_data_web_index_html[], mr_data_web_app_js[], mr_data_web_style_css[],
	mr_data_web_favicon_svg[];
extern const size_t mr_data_web_index_html_len, mr_data_web_app_js_len,
	mr_data_web_style_css_len, mr_data_web_favicon_svg_len;

struct asset {
	const char *path, *type;
	const char *data;
	const size_t *len;
};

/* The only files served: a request path is looked up here by equality,
 * never joined to a folder, so no path reaches anything else. */
static const struct asset assets[] = {
	{ "/", "text/html; charset=utf-8", mr_data_web_index_html, &mr_data_web_index_html_len },
	{ "/index.html", "text/html; charset=utf-8", mr_data_web_index_html,
	  &mr_data_web_index_html_len },
	{ "/app.js", "text/javascript; charset=utf-8", mr_data_web_app_js, &mr_data_web_app_js_len },
	{ "/style.css", "text/css; charset=utf-8", mr_data_web_style_css,
	  &mr_data_web_style_css_len },
	{ "/favicon.svg", "image/svg+xml", mr_data_web_favicon_svg, &mr_data_web_favicon_svg_len },
};
#define N_ASSETS (sizeof(assets) / sizeof(assets[0]))

/* Scripts, styles, images and requests from this server only: no inline
 * script or handler runs even if article text reached the markup. */
static const char csp[] =
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	"connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
	"form-action 'self'; frame-ancestors 'none'";

struct cached {
	char *uri;
	struct MHD_Response *r;
	size_t bytes;
	uint64_t used;       /* when last given, to replace the oldest */
};

/* Answers kept for all workers, bounded in entries and in bytes.  The
 * hash of a URI chooses a set of CACHE_WAYS entries, and a new answer
 * replaces the one of its set given longest ago: with one entry a set,
 * two frequent URIs that met in a slot would push each other out for
 * good. */
#define CACHE_WAYS 4
struct cache {
	pthread_mutex_t lock;
	struct cached *slot;
	unsigned slots;      /* a multiple of CACHE_WAYS */
	size_t bytes;
	uint64_t clock;
	/* one connection of the server's own, whose data_version says
	 * whether the archive changed since the answers were computed */
	struct mr_store *store;
	struct mr_store_watch *watch;
	int64_t version;
	/* moves on at every clearing: an answer computed before a clearing
	 * may be older than the archive, and is not kept */
	uint64_t generation;
};

struct server {
	struct MHD_Daemon *daemon;
	char *db;
	struct mr_analyzer *analyzer;
	pthread_key_t worker_key;
	struct cache cache;
	struct MHD_Response *asset_200[N_ASSETS], *asset_304[N_ASSETS];
	char etag[N_ASSETS][24];
};

/* What one worker thread owns. */
struct worker {
	struct mr_store *store;
};

/* One request, from its URI to its completion. */
struct request {
	char *uri;             /* as sent, before any decoding */
	size_t uri_len;
	char *path;            /* uri up to its query */
	size_t body;           /* bytes of body read */
	int started;
};

static void add_common_headers(struct MHD_Response *r, const char *type)
{
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
}

/* The JSON answer; *bytes its size. */
static struct MHD_Response *json_response(json_t *body, size_t *bytes)
{
	char *text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct MHD_Response *r;

	if (!text)
		text = xstrndup("{}", 2);
	*bytes = strlen(text);
	r = MHD_create_response_from_buffer(*bytes, text, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(text);
		return NULL;
	}
	add_common_headers(r, "application/json; charset=utf-8");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	return r;
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, json_t *body,
				 const char *allow)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t bytes;

	r = json_response(body, &bytes);
	json_decref(body);
	if (!r)
		return MHD_NO;
	if (allow)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

#define send_error(c, status, ...) \
	send_json((c), (status), api_error_body((status), __VA_ARGS__), NULL)

/* ---- workers and the answers they share ---- */

/* Runs when a worker thread ends. */
static void worker_free(void *p)
{
	struct worker *w = p;

	mr_store_close(w->store);
	free(w);
}

/* The calling thread's worker; its archive connection is opened on first
 * use and again after a failure, so a server started before its archive
 * was readable recovers once it is. */
static struct worker *worker_of(struct server *srv, struct mr_err *err)
{
	struct worker *w = pthread_getspecific(srv->worker_key);

	if (!w) {
		w = xcalloc(1, sizeof(*w));
		pthread_setspecific(srv->worker_key, w);
	}
	if (!w->store && mr_store_open(srv->db, MR_STORE_READ, &w->store, err) < 0)
		return NULL;
	return w;
}

static void cache_clear_locked(struct cache *c)
{
	unsigned i;

	for (i = 0; i < c->slots; i++) {
		if (c->slot[i].r)
			MHD_destroy_response(c->slot[i].r);
		free(c->slot[i].uri);
		c->slot[i].r = NULL;
		c->slot[i].uri = NULL;
		c->slot[i].bytes = 0;
	}
	c->bytes = 0;
	c->generation++;
}

/* Clears the cache when the archive changed since the last request
 * (SQLite's data_version moves on when another connection commits; one
 * connection asks it for all workers, so that all compare with the same
 * count).  Returns the generation an answer computed from now on belongs
 * to.  When the version cannot be read, nothing is kept. */
static uint64_t cache_check(struct cache *c)
{
	struct mr_err err;
	int64_t version = -1;
	uint64_t generation;

	pthread_mutex_lock(&c->lock);
	if (mr_store_watch_version(c->watch, &version, &err) < 0)
		mr_err_print(stderr, NULL, &err);
	if (version < 0 || version != c->version)
		cache_clear_locked(c);
	c->version = version;
	generation = c->generation;
	pthread_mutex_unlock(&c->lock);
	return generation;
}

static struct cached *cache_set(struct cache *c, const struct request *rq)
{
	return &c->slot[XXH3_64bits(rq->uri, rq->uri_len) % (c->slots / CACHE_WAYS) * CACHE_WAYS];
}

/* Queues the kept answer to uri, if there is one. */
static int cache_answer(struct cache *c, const struct request *rq, struct MHD_Connection *con,
			enum MHD_Result *ret)
{
	struct cached *set = cache_set(c, rq);
	int i;

	/* queued under the lock: a response replaced meanwhile by another
	 * worker would be freed under this one's feet */
	pthread_mutex_lock(&c->lock);
	for (i = 0; i < CACHE_WAYS; i++) {
		if (set[i].r && !strcmp(set[i].uri, rq->uri)) {
			set[i].used = ++c->clock;
			*ret = MHD_queue_response(con, MHD_HTTP_OK, set[i].r);
			break;
		}
	}
	pthread_mutex_unlock(&c->lock);
	return i < CACHE_WAYS;
}

/* Keeps r as the answer to uri unless the archive changed since it was
 * computed or it does not fit.  1 when kept: the caller's reference to r
 * is the cache's then. */
static int cache_keep(struct cache *c, const struct request *rq, struct MHD_Response *r,
		      size_t bytes, uint64_t generation)
{
	struct cached *set = cache_set(c, rq), *e = set;
	int kept = 0, i;

	pthread_mutex_lock(&c->lock);
	/* the same URI (two workers answered it at once), else an empty
	 * entry, else the one given longest ago */
	for (i = 1; i < CACHE_WAYS && e->r; i++)
		if (!set[i].r || set[i].used < e->used)
			e = &set[i];
	for (i = 0; i < CACHE_WAYS; i++)
		if (set[i].r && !strcmp(set[i].uri, rq->uri))
			e = &set[i];
	if (generation == c->generation) {
		if (e->r) {
			MHD_destroy_response(e->r);
			free(e->uri);
			c->bytes -= e->bytes;
			e->r = NULL;
			e->uri = NULL;
		}
		if (c->bytes + bytes <= SERVE_CACHE_BYTES) {
			e->r = r;
			e->uri = xstrndup(rq->uri, rq->uri_len);
			e->bytes = bytes;
			e->used = ++c->clock;
			c->bytes += bytes;
			kept = 1;
		}
	}
	pthread_mutex_unlock(&c->lock);
	return kept;
}

/* ---- requests ---- */

struct params {
	struct MHD_Connection *c;
};

static const char *get_param(void *ctx, const char *name)
{
	struct params *p = ctx;

	return MHD_lookup_connection_value(p->c, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result answer_api(struct server *srv, struct MHD_Connection *c,
				  const char *route, const struct request *rq)
{
	struct params pc = { c };
	struct api_params p = { get_param, &pc };
	struct api_reply reply;
	struct MHD_Response *r;
	struct worker *w;
	struct mr_err err;
	enum MHD_Result ret;
	uint64_t generation = 0;
	size_t bytes;

	w = worker_of(srv, &err);
	if (!w) {
		mr_err_print(stderr, NULL, &err);
		return send_error(c, 503, "the archive cannot be opened");
	}
	if (srv->cache.slots) {
		generation = cache_check(&srv->cache);
		if (cache_answer(&srv->cache, rq, c, &ret))
			return ret;
	}
	api_answer(w->store, srv->analyzer, route, &p, &reply);
	r = json_response(reply.body, &bytes);
	json_decref(reply.body);
	if (!r)
		return MHD_NO;
	ret = MHD_queue_response(c, reply.status, r);
	if (!srv->cache.slots || reply.status != MHD_HTTP_OK ||
	    !cache_keep(&srv->cache, rq, r, bytes, generation))
		MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result answer_asset(struct server *srv, struct MHD_Connection *c, size_t i)
{
	const char *tag = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						      MHD_HTTP_HEADER_IF_NONE_MATCH);

	if (tag && strstr(tag, srv->etag[i]))
		return MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, srv->asset_304[i]);
	return MHD_queue_response(c, MHD_HTTP_OK, srv->asset_200[i]);
}

/* A Content-Length over the bound (or not a number) refuses the request
 * before its body is read. */
static int too_long(const char *length)
{
	size_t i, n = 0;

	for (i = 0; length[i]; i++) {
		if (length[i] < '0' || length[i] > '9')
			return 1;
		n = n * 10 + (size_t)(length[i] - '0');
		if (n > SERVE_MAX_BODY)
			return 1;
	}
	return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **req_cls)
{
	struct server *srv = cls;
	struct request *rq = *req_cls;
	size_t i;

	(void)url;   /* decoded: rq->uri is what was sent */
	(void)version;
	(void)upload_data;
	if (!rq->started) {
		const char *length = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
								 MHD_HTTP_HEADER_CONTENT_LENGTH);

		rq->started = 1;
		if (rq->uri_len > SERVE_MAX_URI)
			return send_error(c, MHD_HTTP_URI_TOO_LONG,
					  "the request URI is longer than %d bytes", SERVE_MAX_URI);
		if (length && too_long(length))
			return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE,
					  "the request body is longer than %d bytes", SERVE_MAX_BODY);
		return MHD_YES;
	}
	if (*upload_size) {
		/* no route reads a body: count it and drop it */
		rq->body += *upload_size;
		*upload_size = 0;
		if (rq->body > SERVE_MAX_BODY)
			return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE,
					  "the request body is longer than %d bytes", SERVE_MAX_BODY);
		return MHD_YES;
	}
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return send_json(c, MHD_HTTP_METHOD_NOT_ALLOWED,
				 api_error_body(MHD_HTTP_METHOD_NOT_ALLOWED,
						"%.20s: only GET and HEAD are answered", method),
				 "GET, HEAD");
	/* Routes match the path as sent: every route is plain ASCII, so a
	 * path that needs decoding (%2e%2e, %00, %2f) is none of them. */
	if (!strncmp(rq->path, "/api/", 5))
		return answer_api(srv, c, rq->path + 5, rq);
	for (i = 0; i < N_ASSETS; i++)
		if (!strcmp(rq->path, assets[i].path))
			return answer_asset(srv, c, i);
	return send_error(c, MHD_HTTP_NOT_FOUND, "not found: %.60s", rq->path);
}

/* Called with the URI as sent, before the request is parsed: its length
 * is what the URI bound applies to. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct request *rq = xcalloc(1, sizeof(*rq));
	size_t n = strlen(uri);

	(void)cls;
	(void)c;
	rq->uri_len = n;
	rq->uri = xstrndup(uri, n <= SERVE_MAX_URI ? n : 0);
	rq->path = xstrndup(rq->uri, strcspn(rq->uri, "?#"));
	return rq;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct request *rq = *req_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (rq) {
		free(rq->uri);
		free(rq->path);
		free(rq);
		*req_cls = NULL;
	}
}

/* ---- the server ---- */

static int make_assets(struct server *srv)
{
	size_t i;

	for (i = 0; i < N_ASSETS; i++) {
		struct MHD_Response *r;

		snprintf(srv->etag[i], sizeof(srv->etag[i]), "\"%016llx\"",
			 (unsigned long long)XXH3_64bits(assets[i].data, *assets[i].len));
		r = MHD_create_response_from_buffer(*assets[i].len, (void *)assets[i].data,
						    MHD_RESPMEM_PERSISTENT);
		if (!r)
			return -1;
		add_common_headers(r, assets[i].type);
		/* the page changes with the binary: revalidate, cheaply */
		MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, srv->etag[i]);
		srv->asset_200[i] = r;
		r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (!r)
			return -1;
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, srv->etag[i]);
		MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
		srv->asset_304[i] = r;
	}
	return 0;
}

static void free_server(struct server *srv)
{
	size_t i;

	for (i = 0; i < N_ASSETS; i++) {
		if (srv->asset_200[i])
			MHD_destroy_response(srv->asset_200[i]);
		if (srv->asset_304[i])
			MHD_destroy_response(srv->asset_304[i]);
	}
	cache_clear_locked(&srv->cache);
	free(srv->cache.slot);
	mr_store_watch_free(srv->cache.watch);
	mr_store_close(srv->cache.store);
	pthread_mutex_destroy(&srv->cache.lock);
	mr_analyzer_free(srv->analyzer);
	free(srv->db);
	free(srv);
}

int serve_start(const struct serve_config *c, struct server **out, struct mr_err *err)
{
	struct server *srv = xcalloc(1, sizeof(*srv));
	unsigned threads = c->threads ? c->threads : 1;

	*out = NULL;
	srv->db = xstrndup(c->db, strlen(c->db));
	pthread_mutex_init(&srv->cache.lock, NULL);
	srv->cache.version = -1;
	if (c->cache && (mr_store_open(c->db, MR_STORE_READ, &srv->cache.store, err) < 0 ||
			 mr_store_watch_new(srv->cache.store, &srv->cache.watch, err) < 0)) {
		close(c->listen_fd);
		free_server(srv);
		return -1;
	}
	srv->cache.slots = (c->cache + CACHE_WAYS - 1) / CACHE_WAYS * CACHE_WAYS;
	srv->cache.slot = c->cache ? xcalloc(srv->cache.slots, sizeof(*srv->cache.slot)) : NULL;
	if (!(srv->analyzer = mr_analyzer_new_default(err))) {
		close(c->listen_fd);
		free_server(srv);
		return -1;
	}
	if (make_assets(srv) < 0) {
		close(c->listen_fd);
		free_server(srv);
		return mr_err_set(err, MR_E_IO, "cannot build the page's responses");
	}
	if (pthread_key_create(&srv->worker_key, worker_free)) {
		close(c->listen_fd);
		free_server(srv);
		return mr_err_set(err, MR_E_IO, "cannot create the workers' key");
	}
	srv->daemon = MHD_start_daemon(
		/* no MHD_USE_ERROR_LOG: it would print a line for every
		 * malformed request a client cares to send */
		MHD_USE_AUTO_INTERNAL_THREAD, 0, NULL, NULL, on_request, srv,
		MHD_OPTION_LISTEN_SOCKET, c->listen_fd,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_MEMORY_LIMIT,
		MHD_OPTION_CONNECTION_LIMIT, 1000u,
		MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_END);
	if (!srv->daemon) {
		close(c->listen_fd);
		pthread_key_delete(srv->worker_key);
		free_server(srv);
		return mr_err_set(err, MR_E_IO, "the HTTP server could not start");
	}
	*out = srv;
	return 0;
}

void serve_stop(struct server *srv)
{
	if (!srv)
		return;
	/* the workers end here, and their connections close with them */
	MHD_stop_daemon(srv->daemon);
	pthread_key_delete(srv->worker_key);
	free_server(srv);
}
