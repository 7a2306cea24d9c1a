#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../store/store.h"
#include "cli.h"
#include "options.h"
#include "serve.h"

/* Splits "HOST:PORT" or "[V6]:PORT"; returns 0 or prints a usage error. */
static int split_listen(const char *arg, char *host, size_t host_size, char *port,
			size_t port_size)
{
	const char *colon, *h = arg;
	size_t hn;

	if (*arg == '[') {
		const char *close = strchr(arg, ']');

		if (!close || close[1] != ':')
			return -1;
		h = arg + 1;
		hn = (size_t)(close - h);
		colon = close + 1;
	} else {
		colon = strrchr(arg, ':');
		if (!colon || strchr(arg, ':') != colon)
			return -1;
		hn = (size_t)(colon - arg);
	}
	if (!hn || hn >= host_size || !colon[1] || strlen(colon + 1) >= port_size ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1) || atol(colon + 1) > 65535)
		return -1;
	memcpy(host, h, hn);
	host[hn] = '\0';
	strcpy(port, colon + 1);
	return 0;
}

/* Binds and listens on the address; the socket, or -1 with a message. */
static int open_listener(const char *listen_arg, char *url, size_t url_size)
{
	struct addrinfo hints, *ai = NULL;
	struct sockaddr_storage bound;
	socklen_t bound_len = sizeof(bound);
	char host[256], port[8], shown[INET6_ADDRSTRLEN];
	int fd, one = 1, rc;

	if (split_listen(listen_arg, host, sizeof(host), port, sizeof(port)) < 0) {
		usage_error("serve", "--listen takes HOST:PORT or [IPV6]:PORT, not '%s'", listen_arg);
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host, port, &hints, &ai)) != 0) {
		fprintf(stderr, "marsad: serve: %s: %s\n", listen_arg, gai_strerror(rc));
		return -1;
	}
	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, SOMAXCONN) < 0 ||
	    getsockname(fd, (struct sockaddr *)&bound, &bound_len) < 0) {
		fprintf(stderr, "marsad: serve: %s: %s\n", listen_arg, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	/* the port as bound: --listen HOST:0 takes any free one */
	if (bound.ss_family == AF_INET6) {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&bound;

		inet_ntop(AF_INET6, &a6->sin6_addr, shown, sizeof(shown));
		snprintf(url, url_size, "http://[%s]:%u/", shown, ntohs(a6->sin6_port));
	} else {
		struct sockaddr_in *a4 = (struct sockaddr_in *)&bound;

		inet_ntop(AF_INET, &a4->sin_addr, shown, sizeof(shown));
		snprintf(url, url_size, "http://%s:%u/", shown, ntohs(a4->sin_port));
	}
	return fd;
}

static int count_option(const char *name, const char *arg, unsigned lo, unsigned hi,
			unsigned *out)
{
	char *end;
	unsigned long v;

	if (*arg < '0' || *arg > '9')
		return usage_error("serve", "%s: not a number from %u to %u: %s", name, lo, hi, arg);
	v = strtoul(arg, &end, 10);
	if (*end || v < lo || v > hi)
		return usage_error("serve", "%s: not a number from %u to %u: %s", name, lo, hi, arg);
	*out = (unsigned)v;
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "cache", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct serve_config conf;
	const char *db = NULL, *listen_arg = "127.0.0.1:8080";
	struct server *srv;
	struct mr_store *s;
	struct mr_err err;
	char url[128];
	sigset_t stop;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int opt, sig;

	memset(&conf, 0, sizeof(conf));
	/* twice the cores, so that a slow search does not hold up the quick
	 * requests queued behind it on the same worker */
	conf.threads = cpus > 2 ? (unsigned)(2 * cpus) : 4;
	if (conf.threads > SERVE_MAX_THREADS)
		conf.threads = SERVE_MAX_THREADS;
	conf.cache = SERVE_DEFAULT_CACHE;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 'l': listen_arg = optarg; break;
		case 't':
			if (count_option("--threads", optarg, 1, SERVE_MAX_THREADS, &conf.threads))
				return EXIT_USAGE;
			break;
		case 'c':
			if (count_option("--cache", optarg, 0, 1u << 16, &conf.cache))
				return EXIT_USAGE;
			break;
		default:
			return common_option("serve", opt);
		}
	}
	if (optind != argc)
		return usage_error("serve", "unexpected argument '%s'", argv[optind]);
	conf.db = db_path(db);
	/* refuse at once what no request could ever read */
	if (mr_store_open(conf.db, MR_STORE_READ, &s, &err) < 0) {
		mr_err_print(stderr, NULL, &err);
		return EXIT_USAGE;
	}
	mr_store_close(s);
	if ((conf.listen_fd = open_listener(listen_arg, url, sizeof(url))) < 0)
		return EXIT_USAGE;
	/* the workers inherit this mask: the signals come to sigwait below */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (serve_start(&conf, &srv, &err) < 0) {
		mr_err_print(stderr, NULL, &err);
		return EXIT_USAGE;
	}
	printf("marsad: serving %s at %s (Ctrl-C to stop)\n", conf.db, url);
	fflush(stdout);
	while (sigwait(&stop, &sig) != 0)
		;
	serve_stop(srv);
	fprintf(stderr, "marsad: stopped serving (%s)\n", sig == SIGINT ? "interrupted" : "terminated");
	return 0;
}
