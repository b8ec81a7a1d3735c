// The workers panel and the no-worker banner as the admin page renders them on the server.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createDisplay } from "@/lib/format/display";
import type { WorkerStatus } from "@/lib/jobs/heartbeat";
import { NoWorkerBanner, WorkersSection } from "./workers-section";

const now = new Date("2026-12-01T12:00:00Z");
const worker = (overrides: Partial<WorkerStatus>): WorkerStatus => ({
  id: "host-a:101:aa",
  kind: "worker",
  host: "host-a",
  pid: 101,
  startedAt: new Date("2026-12-01T09:00:00Z"),
  jobsDone: 1234,
  lastBeatAt: new Date("2026-12-01T11:59:55Z"),
  alive: true,
  ...overrides,
});
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("NoWorkerBanner", () => {
  it("alerts with the command that starts a worker when none is alive", () => {
    for (const workers of [[], [worker({ alive: false, lastBeatAt: new Date("2026-12-01T11:50:00Z") })]]) {
      const html = renderToStaticMarkup(createElement(NoWorkerBanner, { workers }));
      expect(html).toContain('role="alert"');
      expect(text(html)).toContain("No sync worker is running.");
      expect(html).toContain("<code");
      expect(text(html)).toContain("npm run worker");
    }
  });

  it("is absent while a worker is alive", () => {
    const workers = [worker({ alive: false }), worker({ id: "web:1:bb", kind: "web", alive: true })];
    expect(renderToStaticMarkup(createElement(NoWorkerBanner, { workers }))).toBe("");
  });
});

describe("WorkersSection", () => {
  it("lists each worker with its host, pid, kind, jobs done, last beat and state", () => {
    const display = createDisplay({
      currency: "USD",
      dateFormat: "MMM d, yyyy",
      timeFormat: "24h",
      showBalances: true,
      showTransactionDetails: true,
      locale: "en-US",
      timeZone: "UTC",
    });
    const workers = [
      worker({}),
      worker({
        id: "web-1:7:cc",
        kind: "web",
        host: "web-1",
        pid: 7,
        jobsDone: 0,
        alive: false,
        lastBeatAt: new Date("2026-12-01T11:00:00Z"),
      }),
    ];
    const html = text(renderToStaticMarkup(createElement(WorkersSection, { workers, display, now })));
    expect(html).toContain("1 of 2 worker processes alive");
    expect(html).toContain("host-a 101 Worker process Dec 1, 2026 09:00");
    expect(html).toContain("1,234 5 seconds ago Alive");
    expect(html).toContain("web-1 7 Web server");
    expect(html).toContain("0 1 hour ago Stale");
  });
});
