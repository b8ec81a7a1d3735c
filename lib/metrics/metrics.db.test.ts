// /api/metrics against a real database: it refuses without the token, does not exist without one
// configured, and with it carries the named series with the figures the database holds.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { createBoss, createQueues, SYNC_QUEUE, sendSyncJobs } from "@/lib/jobs/boss";
import { startJobWorkers } from "@/lib/jobs/runtime";
import { createConnection, createSync, createUser } from "@/lib/test/factories";
import { createMetricsReader, SETTLE_MS } from "./figures";
import { respondWithClusterMetrics, startWorkerMetricsServer } from "./index";

const TOKEN = "metrics-token-for-tests-0123456789abcdef";

const scrapeRequest = (authorization?: string) =>
  new Request("http://mingus.test/api/metrics", authorization ? { headers: { authorization } } : {});

/** The sample lines of a scrape, `name{labels}` → value. */
async function scrape(): Promise<Map<string, number>> {
  const response = await respondWithClusterMetrics(scrapeRequest(`Bearer ${TOKEN}`), TOKEN);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** How much each of these samples grew between two scrapes (absent counts as 0). */
const grew = (before: Map<string, number>, after: Map<string, number>, keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, (after.get(key) ?? 0) - (before.get(key) ?? 0)]));

describe("access", () => {
  test("404 when METRICS_TOKEN is unset, whatever the request carries", async () => {
    const response = await respondWithClusterMetrics(scrapeRequest(`Bearer ${TOKEN}`), undefined);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("mingus_");
  });

  test.each([
    ["no Authorization header", undefined],
    ["a wrong token", `Bearer ${TOKEN.replace(/.$/, "x")}`],
    ["a token one character short", `Bearer ${TOKEN.slice(0, -1)}`],
    ["the token as Basic credentials", `Basic ${TOKEN}`],
    ["the bare token", TOKEN],
  ])("401 with %s", async (_case, authorization) => {
    const response = await respondWithClusterMetrics(scrapeRequest(authorization), TOKEN);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await response.text()).not.toContain("mingus_");
  });
});

describe("series", () => {
  let stop: (() => Promise<void>) | undefined;
  afterAll(async () => stop?.());

  test("every named series is present, with the database's figures", async () => {
    const before = await scrape();
    expect(before.get("mingus_metrics_database_up")).toBe(1);

    const user = await createUser();
    const connection = await createConnection({ userId: user.id });
    const finished = { plaidConnectionId: connection.id, startedAt: new Date(), completedAt: new Date() };
    await createSync({ ...finished, syncType: "initial", status: "success", duration: 3.2, recordsProcessed: 120 });
    await createSync({ ...finished, syncType: "initial", status: "success", duration: 45, recordsProcessed: 30 });
    await createSync({
      ...finished,
      syncType: "manual",
      status: "failed",
      duration: 0.4,
      errorCode: "ITEM_LOGIN_REQUIRED",
    });
    // Not finished: not a run yet.
    await createSync({ plaidConnectionId: connection.id, syncType: "manual", status: "pending" });
    await createSync({ plaidConnectionId: connection.id, syncType: "incremental", status: "in_progress" });

    const call = (endpoint: string, durationMs: number, errorCode: string | null = null) => ({
      endpoint,
      environment: "emulator",
      durationMs,
      plaidConnectionId: connection.id,
      statusCode: errorCode ? 400 : 200,
      errorCode,
    });
    await db.plaidApiCall.createMany({
      data: [
        call("/metrics-test/accounts/get", 40),
        call("/metrics-test/accounts/get", 300),
        call("/metrics-test/transactions/sync", 2_000, "ITEM_LOGIN_REQUIRED"),
      ],
    });

    const webhook = (webhookCode: string) => ({
      bodySha256: randomUUID(),
      webhookType: "METRICS_TEST",
      webhookCode,
      itemId: connection.itemId,
      plaidConnectionId: connection.id,
      payload: {},
      issuedAt: new Date(),
    });
    await db.plaidWebhookEvent.createMany({
      data: [webhook("SYNC_UPDATES_AVAILABLE"), webhook("SYNC_UPDATES_AVAILABLE"), webhook("ERROR")],
    });

    const message = await db.notificationMessage.create({
      data: { userId: user.id, channel: "email", frequency: "immediate", dedupeKey: randomUUID() },
    });
    await db.notificationDeliveryAttempt.createMany({
      data: [
        { messageId: message.id, attempt: 1, channel: "metrics-test-email", outcome: "failed", durationMs: 10 },
        { messageId: message.id, attempt: 2, channel: "metrics-test-email", outcome: "sent", durationMs: 12 },
      ],
    });

    // Two connections' sync jobs wait in the queue; pg-boss keeps one per connection.
    const boss = createBoss({ role: "sender" });
    await boss.start();
    await createQueues(boss);
    const queuedBefore = (await scrape()).get(`mingus_jobs_queued{queue="${SYNC_QUEUE}"}`) ?? 0;
    await sendSyncJobs(boss, [{ connectionId: randomUUID() }, { connectionId: randomUUID() }]);
    await boss.stop({ graceful: false });

    const after = await scrape();
    for (const name of [
      "mingus_sync_runs_total",
      "mingus_sync_duration_seconds",
      "mingus_transactions_synced_total",
      "mingus_plaid_api_calls_total",
      "mingus_plaid_api_duration_seconds",
      "mingus_jobs_queued",
      "mingus_workers_alive",
      "mingus_webhooks_received_total",
      "mingus_notifications_sent_total",
      "mingus_process_cpu_seconds_total",
    ]) {
      expect(
        [...after.keys()].some((key) => key.startsWith(name)),
        name,
      ).toBe(true);
    }
    expect(after.get(`mingus_jobs_queued{queue="${SYNC_QUEUE}"}`)).toBe(queuedBefore + 2);
    expect(after.get('mingus_jobs_queued{queue="notify"}')).toBeTypeOf("number");

    expect(
      grew(before, after, [
        'mingus_sync_runs_total{type="initial",status="success"}',
        'mingus_sync_runs_total{type="manual",status="failed"}',
        'mingus_sync_runs_total{type="manual",status="pending"}',
        'mingus_sync_runs_total{type="incremental",status="in_progress"}',
        "mingus_transactions_synced_total",
        'mingus_sync_duration_seconds_bucket{type="initial",status="success",le="1"}',
        'mingus_sync_duration_seconds_bucket{type="initial",status="success",le="5"}',
        'mingus_sync_duration_seconds_bucket{type="initial",status="success",le="60"}',
        'mingus_sync_duration_seconds_bucket{type="initial",status="success",le="+Inf"}',
        'mingus_sync_duration_seconds_count{type="initial",status="success"}',
        'mingus_sync_duration_seconds_bucket{type="manual",status="failed",le="1"}',
      ]),
    ).toEqual({
      'mingus_sync_runs_total{type="initial",status="success"}': 2,
      'mingus_sync_runs_total{type="manual",status="failed"}': 1,
      'mingus_sync_runs_total{type="manual",status="pending"}': 0,
      'mingus_sync_runs_total{type="incremental",status="in_progress"}': 0,
      mingus_transactions_synced_total: 150,
      'mingus_sync_duration_seconds_bucket{type="initial",status="success",le="1"}': 0,
      'mingus_sync_duration_seconds_bucket{type="initial",status="success",le="5"}': 1,
      'mingus_sync_duration_seconds_bucket{type="initial",status="success",le="60"}': 2,
      'mingus_sync_duration_seconds_bucket{type="initial",status="success",le="+Inf"}': 2,
      'mingus_sync_duration_seconds_count{type="initial",status="success"}': 2,
      'mingus_sync_duration_seconds_bucket{type="manual",status="failed",le="1"}': 1,
    });
    const syncSum = 'mingus_sync_duration_seconds_sum{type="initial",status="success"}';
    expect((after.get(syncSum) ?? 0) - (before.get(syncSum) ?? 0)).toBeCloseTo(48.2, 6);

    // Labels of these endpoints, codes and channels are this test's own: their values are absolute.
    expect(after.get('mingus_plaid_api_calls_total{endpoint="/metrics-test/accounts/get",error_code=""}')).toBe(2);
    expect(
      after.get(
        'mingus_plaid_api_calls_total{endpoint="/metrics-test/transactions/sync",error_code="ITEM_LOGIN_REQUIRED"}',
      ),
    ).toBe(1);
    const accounts = 'endpoint="/metrics-test/accounts/get",error_code=""';
    expect(after.get(`mingus_plaid_api_duration_seconds_bucket{${accounts},le="0.05"}`)).toBe(1);
    expect(after.get(`mingus_plaid_api_duration_seconds_bucket{${accounts},le="0.25"}`)).toBe(1);
    expect(after.get(`mingus_plaid_api_duration_seconds_bucket{${accounts},le="0.5"}`)).toBe(2);
    expect(after.get(`mingus_plaid_api_duration_seconds_count{${accounts}}`)).toBe(2);
    expect(after.get(`mingus_plaid_api_duration_seconds_sum{${accounts}}`)).toBeCloseTo(0.34, 6);

    expect(
      after.get(
        'mingus_webhooks_received_total{webhook_type="METRICS_TEST",webhook_code="SYNC_UPDATES_AVAILABLE",verified="true"}',
      ),
    ).toBe(2);
    expect(
      after.get('mingus_webhooks_received_total{webhook_type="METRICS_TEST",webhook_code="ERROR",verified="true"}'),
    ).toBe(1);
    expect(after.get('mingus_notifications_sent_total{channel="metrics-test-email",status="sent"}')).toBe(1);
    expect(after.get('mingus_notifications_sent_total{channel="metrics-test-email",status="failed"}')).toBe(1);
  });

  test("mingus_workers_alive counts the job workers this process runs", async () => {
    expect((await scrape()).get("mingus_workers_alive")).toBe(0);
    const idle = async () => null;
    const workers = await startJobWorkers({
      concurrency: 1,
      handlers: {
        sync: idle,
        notify: idle,
        health: async () => {},
        fxRates: async () => {},
        sweep: async () => ({ sync: [], notify: [], health: [] }),
        reap: async () => [],
      },
    });
    stop = () => workers.stop({ graceMs: 100 });
    expect((await scrape()).get("mingus_workers_alive")).toBe(1);
    await workers.stop({ graceMs: 100 });
    stop = undefined;
    expect((await scrape()).get("mingus_workers_alive")).toBe(0);
  });
});

describe("the settled figures a reader keeps between scrapes", () => {
  test("rows are counted once as they settle, whether they arrived before the first read or after", async () => {
    let clock = Date.now();
    const read = createMetricsReader({ now: () => new Date(clock) });
    const endpoint = `/settle-test/${randomUUID()}`;
    const calls = async () => (await read()).plaidCalls.find((row) => row.labels[0] === endpoint);
    const user = await createUser();
    const connection = await createConnection({ userId: user.id });
    const runs = async () =>
      (await read()).syncRuns.find((row) => row.labels.join() === "incremental,partial")?.count ?? 0;
    const settledRuns = await runs();
    const call = { endpoint, environment: "emulator", durationMs: 100, plaidConnectionId: connection.id };

    await db.plaidApiCall.createMany({ data: [call, call] });
    await createSync({
      plaidConnectionId: connection.id,
      syncType: "incremental",
      status: "partial",
      completedAt: new Date(),
    });
    expect((await calls())?.count).toBe(2);
    expect(await runs()).toBe(settledRuns + 1);

    // Past the settling time: the same rows now come from the reader's settled part, once.
    clock += SETTLE_MS + 60_000;
    expect((await calls())?.count).toBe(2);
    expect(await runs()).toBe(settledRuns + 1);
    // Arriving now, as the reader's clock has it.
    await db.plaidApiCall.create({ data: { ...call, createdAt: new Date(clock) } });
    expect((await calls())?.count).toBe(3);
    const duration = (await calls())?.duration;
    expect(duration?.buckets).toEqual([0, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(duration?.count).toBe(3);
    expect(duration?.sum).toBeCloseTo(0.3, 9);

    // And that one settles too, without counting the first two again.
    clock += SETTLE_MS + 60_000;
    expect((await calls())?.count).toBe(3);
    expect(await runs()).toBe(settledRuns + 1);
  });
});

describe("a worker's own metrics server", () => {
  test("serves its process metrics with the token only, and none of the database's", async () => {
    const server = await startWorkerMetricsServer({ port: 0, token: TOKEN, host: "127.0.0.1" });
    try {
      const url = `http://127.0.0.1:${server.port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
      const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain("mingus_process_resident_memory_bytes");
      expect(text).not.toContain("mingus_sync_runs_total");
    } finally {
      await server.close();
    }
  });
});
