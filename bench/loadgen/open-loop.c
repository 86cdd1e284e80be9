// Open-loop load over kept-alive mutual TLS 1.3, in C so that the load generator takes as little of a
// small machine's CPU as it can: the Node generator (bench/license-validate.ts openLoop) needs most of a
// core at 5 000 requests/s, and on 2 cores its work and the server's take turns, which shows up in both
// sides' tails. Requests are scheduled at a fixed rate whatever the answers (no coordinated omission):
// request i is due at start + i/rate and its latency counts from then, waiting for a free connection
// included. One request in flight per connection (HTTP/1.1 keep-alive, no pipelining).
//
//   open-loop HOST PORT CA CERT KEY RATE SECONDS CONNECTIONS PATH CONTENT_TYPE BODIES_FILE [EXPECT]
// BODIES_FILE: one request body per line (of CONTENT_TYPE), cycled. An answer counts only when its status is
// 200 and, with EXPECT, its body contains that text; others are errors. Prints one JSON object:
//   {"latenciesUs":[...],"errors":N,"elapsedMs":X,"cpuMicros":Y}
// Build: cc -O2 -o open-loop open-loop.c -lssl -lcrypto   (Debian: libssl-dev)
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
  int fd;
  SSL *ssl;
  int busy;
  int64_t due;  // ns: when the request on this connection was scheduled
  char buf[16384];
  size_t len;
} Conn;

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what) {
  fprintf(stderr, "open-loop: %s\n", what);
  ERR_print_errors_fp(stderr);
  exit(1);
}

static char **read_lines(const char *path, size_t *count) {
  FILE *f = fopen(path, "r");
  if (!f) die("cannot read the bodies file");
  size_t cap = 1024, n = 0;
  char **lines = malloc(cap * sizeof *lines);
  char *line = NULL;
  size_t size = 0;
  ssize_t got;
  while ((got = getline(&line, &size, f)) > 0) {
    while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = 0;
    if (got == 0) continue;
    if (n == cap) lines = realloc(lines, (cap *= 2) * sizeof *lines);
    lines[n++] = strdup(line);
  }
  free(line);
  fclose(f);
  if (n == 0) die("the bodies file is empty");
  *count = n;
  return lines;
}

static Conn *open_conn(SSL_CTX *ctx, const char *host, int port) {
  Conn *c = calloc(1, sizeof *c);
  c->fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
  if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) die("HOST must be an IPv4 address");
  if (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) != 0) die("connect failed");
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  c->ssl = SSL_new(ctx);
  SSL_set_fd(c->ssl, c->fd);
  SSL_set_tlsext_host_name(c->ssl, "localhost");
  if (SSL_connect(c->ssl) != 1) die("TLS handshake failed");
  // Non-blocking from here on: a read that finds only TLS housekeeping (session tickets) must not wait.
  fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
  return c;
}

// Returns 1 when a whole response is in the buffer (and sets *ok for a 200), 0 when more is needed.
static const char *expect = NULL;

static int response_complete(Conn *c, int *ok) {
  char *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
  if (!end) return 0;
  size_t head = (size_t)(end - c->buf) + 4;
  char *cl = memmem(c->buf, head, "content-length:", 15);
  if (!cl) cl = memmem(c->buf, head, "Content-Length:", 15);
  size_t body = cl ? strtoul(cl + 15, NULL, 10) : 0;
  if (c->len < head + body) return 0;
  *ok = c->len > 12 && memcmp(c->buf + 9, "200", 3) == 0 && (!expect || memmem(c->buf + head, body, expect, strlen(expect)));
  size_t rest = c->len - head - body;
  memmove(c->buf, c->buf + head + body, rest);
  c->len = rest;
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 12 && argc != 13) {
    fprintf(stderr, "usage: open-loop HOST PORT CA CERT KEY RATE SECONDS CONNECTIONS PATH CONTENT_TYPE BODIES_FILE [EXPECT]\n");
    return 2;
  }
  if (argc == 13) expect = argv[12];
  signal(SIGPIPE, SIG_IGN);  // a closed connection is reported by the failing write, not a signal
  const char *host = argv[1];
  int port = atoi(argv[2]);
  double rate = atof(argv[6]), seconds = atof(argv[7]);
  int nconn = atoi(argv[8]);
  const char *path = argv[9], *content_type = argv[10];
  size_t nbodies;
  char **bodies = read_lines(argv[11], &nbodies);

  SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
  if (SSL_CTX_load_verify_locations(ctx, argv[3], NULL) != 1) die("cannot load the CA");
  if (SSL_CTX_use_certificate_file(ctx, argv[4], SSL_FILETYPE_PEM) != 1) die("cannot load the certificate");
  if (SSL_CTX_use_PrivateKey_file(ctx, argv[5], SSL_FILETYPE_PEM) != 1) die("cannot load the key");
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
  SSL_CTX_clear_mode(ctx, SSL_MODE_AUTO_RETRY);

  // Every request text prepared before the clock starts.
  char **requests = malloc(nbodies * sizeof *requests);
  size_t *request_len = malloc(nbodies * sizeof *request_len);
  for (size_t i = 0; i < nbodies; i++) {
    request_len[i] = (size_t)asprintf(&requests[i],
        "POST %s HTTP/1.1\r\nhost: %s:%d\r\ncontent-type: %s\r\ncontent-length: %zu\r\n\r\n%s",
        path, host, port, content_type, strlen(bodies[i]), bodies[i]);
  }

  int ep = epoll_create1(0);
  Conn **conns = malloc(nconn * sizeof *conns);
  Conn **idle = malloc(nconn * sizeof *idle);
  int nidle = 0;
  for (int i = 0; i < nconn; i++) {
    conns[i] = open_conn(ctx, host, port);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = conns[i]};
    epoll_ctl(ep, EPOLL_CTL_ADD, conns[i]->fd, &ev);
    idle[nidle++] = conns[i];
  }

  int64_t total = (int64_t)(rate * seconds);
  int64_t interval = (int64_t)(1e9 / rate);
  int64_t *lat = malloc((size_t)(total > 0 ? total : 1) * sizeof *lat);
  int64_t done = 0, sent = 0, errors = 0, next = 0;  // next: index of the first request not yet sent
  struct rusage ru0, ru1;
  getrusage(RUSAGE_SELF, &ru0);
  int64_t start = now_ns(), last_end = start;
  struct epoll_event events[256];

  while (done + errors < total) {
    int64_t now = now_ns();
    // Send every due request for which a connection is free; the rest wait (their latency runs).
    while (next < total && start + next * interval <= now && nidle > 0) {
      Conn *c = idle[--nidle];
      size_t k = (size_t)(next % (int64_t)nbodies);
      c->busy = 1;
      c->due = start + next * interval;
      int wrote;
      while ((wrote = SSL_write(c->ssl, requests[k], (int)request_len[k])) <= 0) {
        int err = SSL_get_error(c->ssl, wrote);
        if (err != SSL_ERROR_WANT_WRITE && err != SSL_ERROR_WANT_READ) die("write failed (connection closed by the server?)");
      }
      next++;
      sent++;
    }
    int64_t wait_ns = 0;
    if (next < total && nidle > 0) wait_ns = start + next * interval - now_ns();
    else wait_ns = 50 * 1000000LL;  // nothing to send until an answer frees a connection
    if (wait_ns < 0) wait_ns = 0;
    struct timespec timeout = {.tv_sec = wait_ns / 1000000000LL, .tv_nsec = wait_ns % 1000000000LL};
    int n = epoll_pwait2(ep, events, 256, &timeout, NULL);
    for (int i = 0; i < n; i++) {
      Conn *c = events[i].data.ptr;
      for (;;) {
        int got = SSL_read(c->ssl, c->buf + c->len, (int)(sizeof c->buf - c->len));
        if (got <= 0) {
          int err = SSL_get_error(c->ssl, got);
          if (err == SSL_ERROR_WANT_READ) break;
          if (c->len) fprintf(stderr, "open-loop: last bytes read: %.*s\n", (int)(c->len < 300 ? c->len : 300), c->buf);
          die("read failed (connection closed by the server?)");
        }
        c->len += (size_t)got;
        int ok;
        while (c->busy && response_complete(c, &ok)) {
          int64_t end = now_ns();
          if (ok) lat[done++] = end - c->due;
          else errors++;
          last_end = end;
          c->busy = 0;
          idle[nidle++] = c;
        }
        if (!SSL_pending(c->ssl)) break;
      }
    }
  }
  getrusage(RUSAGE_SELF, &ru1);
  long cpu = (ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec) * 1000000L + (ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec) +
             (ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) * 1000000L + (ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec);
  printf("{\"latenciesUs\":[");
  for (int64_t i = 0; i < done; i++) printf(i ? ",%.1f" : "%.1f", lat[i] / 1000.0);
  printf("],\"errors\":%lld,\"elapsedMs\":%.3f,\"cpuMicros\":%ld}\n", (long long)errors, (last_end - start) / 1e6, cpu);
  for (int i = 0; i < nconn; i++) SSL_shutdown(conns[i]->ssl);
  return 0;
}
