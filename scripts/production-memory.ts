// The memory settings the production processes start with (issue 18), in one place: the Dockerfile
// and compose.yaml carry these values (scripts/container.test.ts keeps them equal), bench:memory
// starts its processes with them, and docs/operations.md tells people running `npm start` and
// `npm run worker` themselves (systemd, say) to set the same.
//
// - MALLOC_ARENA_MAX=2: glibc gives each thread that allocates its own malloc arena by default (up to
//   8 per core), and memory freed in one stays resident. Node's threads (libuv's pool, V8's
//   platform workers, napi bindings such as argon2) made the web server's process hold 30-40 MB more
//   under load with the default than with two arenas, at no measurable cost in pace.
// - --max-old-space-size: V8's old generation is sized for the machine (up to 4 GB here) and grows
//   lazily, so without a limit an idle-looking server keeps hundreds of MB of garbage. Each limit is
//   a few times the process's live heap (70-90 MB for the web server, 30-40 MB for a worker), so no
//   ordinary request or sync comes near it.
// - --max-semi-space-size: the young generation's two halves stay at 2 MB (web server) or 4 MB (worker)
//   instead of 16 MB; short-lived objects are collected more often, at no measurable cost in requests
//   a second, and 30-45 MB less stays resident.
export const MALLOC_ARENA_MAX = "2";

export const NODE_OPTIONS = {
  /** The web server, with or without the jobs inside (MINGUS_WEB_WORKERS). */
  web: "--max-old-space-size=256 --max-semi-space-size=2",
  /** A separate worker process (dist/programs/worker.mjs). */
  worker: "--max-old-space-size=128 --max-semi-space-size=4",
};
