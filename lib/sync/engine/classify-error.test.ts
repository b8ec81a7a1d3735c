import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { PlaidError, type PlaidErrorDetails } from "@/lib/plaid/errors";
import { classifySyncError, isConnectionFailure, shouldRetry } from "./classify-error";
import { LeaseLostError, SyncAbortedError, SyncRunLostError, SyncSupersededError } from "./sync-run";

function plaid(details: Partial<PlaidErrorDetails>): PlaidError {
  return new PlaidError({
    error_type: "API_ERROR",
    error_code: "INTERNAL_SERVER_ERROR",
    error_message: "an unexpected error occurred for access-sandbox-secret",
    display_message: null,
    request_id: "req-1",
    status: 500,
    retryAfterSeconds: null,
    ...details,
  });
}

describe("classifySyncError", () => {
  it("ITEM_LOGIN_REQUIRED asks for a reconnect and is not retried", () => {
    const failure = classifySyncError(
      plaid({ error_type: "ITEM_ERROR", error_code: "ITEM_LOGIN_REQUIRED", status: 400 }),
    );
    expect(failure).toMatchObject({ kind: "reauth", errorCode: "ITEM_LOGIN_REQUIRED" });
    expect(shouldRetry(failure.kind)).toBe(false);
  });

  it("the 429 family keeps Retry-After", () => {
    const failure = classifySyncError(
      plaid({
        error_type: "RATE_LIMIT_EXCEEDED",
        error_code: "TRANSACTIONS_SYNC_LIMIT",
        status: 429,
        retryAfterSeconds: 42,
      }),
    );
    expect(failure).toMatchObject({
      kind: "rate_limited",
      errorCode: "TRANSACTIONS_SYNC_LIMIT",
      retryAfterSeconds: 42,
    });
    expect(classifySyncError(plaid({ error_code: "RATE_LIMIT", status: 429 })).kind).toBe("rate_limited");
  });

  it.each([
    ["INSTITUTION_DOWN", 400],
    ["INSTITUTION_NOT_RESPONDING", 400],
    ["INTERNAL_SERVER_ERROR", 500],
    ["PLANNED_MAINTENANCE", 503],
    ["NETWORK_ERROR", null],
    ["TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION", 400],
  ])("%s is retried after the backoff", (code, status) => {
    const failure = classifySyncError(plaid({ error_code: code, status }));
    expect(failure.kind).toBe("transient");
    expect(failure.retryAfterSeconds).toBeNull();
    expect(shouldRetry(failure.kind)).toBe(true);
  });

  it("names the real cause: a bank whose data kept changing, or Plaid's trouble, is not an unreachable bank", () => {
    const message = (code: string, status: number | null = 400) =>
      classifySyncError(plaid({ error_type: "API_ERROR", error_code: code, status })).errorMessage;
    const unreachable = /could not be reached/;
    expect(message("TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION")).toBe(
      "Your bank's data kept changing while Mingus read it. Mingus will try again shortly.",
    );
    for (const code of ["INTERNAL_SERVER_ERROR", "PLANNED_MAINTENANCE", "UNEXPECTED_RESPONSE"]) {
      expect(message(code, 500)).toMatch(/^Plaid, the service Mingus reaches your bank through/);
    }
    expect(message("NETWORK_ERROR", null)).toMatch(/^Mingus could not reach Plaid/);
    for (const code of ["TRANSACTIONS_SYNC_LIMIT", "RATE_LIMIT"]) {
      const failure = classifySyncError(plaid({ error_type: "RATE_LIMIT_EXCEEDED", error_code: code, status: 429 }));
      expect(failure.errorMessage).toMatch(/^Plaid is limiting how often Mingus may ask/);
      expect(failure.errorMessage).not.toMatch(/your bank is/i);
    }
    // The bank's own outages still say so; nothing else does.
    for (const code of ["INSTITUTION_DOWN", "INSTITUTION_NOT_RESPONDING"]) {
      expect(message(code)).toBe("Your bank could not be reached. Mingus will try again shortly.");
    }
    for (const code of ["TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION", "INTERNAL_SERVER_ERROR", "NETWORK_ERROR"]) {
      expect(message(code)).not.toMatch(unreachable);
    }
    // Plaid's display_message, written for the person, still wins.
    expect(
      classifySyncError(plaid({ error_code: "INTERNAL_SERVER_ERROR", display_message: "Try later." })).errorMessage,
    ).toBe("Try later.");
  });

  it("an item that is gone is not retried", () => {
    expect(classifySyncError(plaid({ error_code: "ITEM_NOT_FOUND", status: 400 })).kind).toBe("item_gone");
    expect(shouldRetry("item_gone")).toBe(false);
    for (const code of ["USER_PERMISSION_REVOKED", "ACCESS_NOT_GRANTED"]) {
      expect(classifySyncError(plaid({ error_code: code, status: 400 }))).toMatchObject({
        kind: "revoked",
        errorCode: code,
      });
    }
    expect(shouldRetry("revoked")).toBe(false);
  });

  it("shows Plaid's display message or its own sentence, never Plaid's developer message", () => {
    expect(classifySyncError(plaid({ display_message: "The bank is down." })).errorMessage).toBe("The bank is down.");
    const own = classifySyncError(plaid({})).errorMessage;
    expect(own).not.toMatch(/access-sandbox|unexpected error occurred/);
    expect(classifySyncError(plaid({})).plaid).toEqual({ error_type: "API_ERROR", request_id: "req-1", status: 500 });
  });

  it("names the engine's own stops", () => {
    expect(classifySyncError(new SyncSupersededError())).toMatchObject({
      kind: "superseded",
      errorCode: "SYNC_SUPERSEDED",
    });
    expect(classifySyncError(new SyncRunLostError("s"))).toMatchObject({ kind: "superseded", errorCode: "RUN_LOST" });
    expect(classifySyncError(new SyncAbortedError())).toMatchObject({ kind: "aborted", errorCode: "WORKER_STOPPED" });
    expect(classifySyncError(new LeaseLostError())).toMatchObject({ kind: "aborted", errorCode: "LEASE_LOST" });
    expect(shouldRetry("superseded")).toBe(false);
    expect(shouldRetry("aborted")).toBe(true);
    expect(isConnectionFailure("aborted")).toBe(false);
    expect(isConnectionFailure("superseded")).toBe(false);
    expect(isConnectionFailure("transient")).toBe(true);
  });

  it("a lost database is Mingus's interruption, retried at once, never the connection's failure", () => {
    const closed = Object.assign(new Error("Invalid `prisma.$queryRaw()` invocation"), {
      code: "P2010",
      meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "ConnectionClosed" } } },
    });
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const terminated = new Error("Client has encountered a connection error and is not queryable");
    for (const error of [closed, refused, terminated, new Error("wrapped", { cause: refused })]) {
      const failure = classifySyncError(error);
      expect(failure).toMatchObject({ kind: "aborted", errorCode: "DATABASE_UNAVAILABLE" });
      expect(failure.errorMessage).toMatch(/lost its database connection/);
      expect(isConnectionFailure(failure.kind)).toBe(false);
      expect(shouldRetry(failure.kind)).toBe(true);
    }
    // A statement the database refused is not an outage.
    const unique = Object.assign(new Error("Unique constraint failed"), {
      code: "P2002",
      meta: { driverAdapterError: { cause: { kind: "UniqueConstraintViolation", originalCode: "23505" } } },
    });
    expect(classifySyncError(unique)).toMatchObject({ kind: "internal", errorCode: "INTERNAL" });
  });

  it("keeps an AppError's message and hides any other error's", () => {
    expect(classifySyncError(new AppError("token:undecryptable", "Run keys:rotate."))).toMatchObject({
      kind: "internal",
      errorCode: "INTERNAL",
      errorMessage: "Run keys:rotate.",
    });
    const hidden = classifySyncError(new Error("connection to postgres://user:secret@db failed"));
    expect(hidden).toMatchObject({ kind: "internal", errorCode: "INTERNAL" });
    expect(hidden.errorMessage).not.toMatch(/secret/);
  });
});
