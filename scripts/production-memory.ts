// The memory settings the production processes start with (issue 18), in one place: the Dockerfile
// and compose.yaml carry these values (scripts/container.test.ts keeps them equal), bench:memory
// starts its processes with them, and docs/operations.md tells people running `npm start` and
// `npm run worker` themselves (systemd, say) to set the same.
//
// - MALLOC_ARENA_MAX=2: glibc gives each thread that allocates its own malloc arena by default (up to
//   8 per core), and memory freed in one stays resident. Node's threads (libuv's pool, V8's
//   platform workers, napi bindings such as argon2) made the web server's process hold 21-34 MB more
//   under load with the default than with two arenas (BENCHMARKS.md).
// - --max-old-space-size: V8's old generation is sized for the machine (up to 4 GB here) and grows
//   lazily, so without a limit an idle-looking server keeps hundreds of MB of garbage. The limits
//   leave room for the largest thing a process does: importing the ECB's whole exchange-rate history
//   (FX_RATES_URL=…/eurofxref-hist.xml, about 7 MB of XML) takes a heap of 200-250 MB for a moment,
//   which a worker does alone (256 MB) and a web server running the jobs does beside its own 70-90 MB
//   (384 MB). V8 grows the heap by 1.3 times what is live up to a 256 MB limit and 1.35 at 384 MB, so
//   the steady memory is the same as under tighter limits: a worker at 128 MB held no less, and died
//   out of memory in the full import.
// - --max-semi-space-size: the young generation's two halves stay at 2 MB (web server) or 4 MB (worker)
//   instead of 16 MB; short-lived objects are collected more often, and about 30 MB less stays
//   resident (most of it from 16 to 4 MB; 4 to 2 MB gave the web server 1-14 MB more).
// Back to back, the pace went from 29 to 24-27 requests a second with these settings: within the
// spread of repeated runs, but perhaps a real cost of up to a sixth at full load. An install with
// memory to spare can raise or drop them (NODE_OPTIONS, MALLOC_ARENA_MAX).
export const MALLOC_ARENA_MAX = "2";

export const NODE_OPTIONS = {
  /** The web server, with or without the jobs inside (MINGUS_WEB_WORKERS). */
  web: "--max-old-space-size=384 --max-semi-space-size=2",
  /** A separate worker process (dist/programs/worker.mjs). */
  worker: "--max-old-space-size=256 --max-semi-space-size=4",
};
