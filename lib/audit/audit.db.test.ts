// The audit log: events are written with where they came from, a failed sign-in for an unknown email
// keeps no address, a person reads only their own, admins filter everyone's, pages follow a cursor, and
// the log goes with the account.
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/test/factories";
import { listAuditEvents, listOwnAuditEvents, recordAudit, recordSignInFailure } from "./index";

const origin = { address: "203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };

describe("recording", () => {
  test("an event keeps who, what, when and from where", async () => {
    const user = await createUser();
    const at = new Date("2026-12-01T10:00:00Z");
    await recordAudit({ action: "bank_linked", userId: user.id, detail: { institution: "Platypus" }, origin, now: at });
    const [entry] = (await listOwnAuditEvents({ userId: user.id })).entries;
    expect(entry).toMatchObject({
      action: "bank_linked",
      createdAt: at,
      ipAddress: origin.address,
      userAgent: origin.userAgent,
      detail: { institution: "Platypus" },
      userEmail: user.email,
      actorEmail: null,
    });
  });

  test("outside a request there is no origin, and nothing fails", async () => {
    const user = await createUser();
    await recordAudit({ action: "admin_granted", userId: user.id });
    const [entry] = (await listOwnAuditEvents({ userId: user.id })).entries;
    expect(entry).toMatchObject({ action: "admin_granted", ipAddress: null, userAgent: null });
  });

  test("a failed sign-in lands on the account the email names; an unknown email keeps no address", async () => {
    const user = await createUser();
    await recordSignInFailure({ email: user.email, reason: "wrong_password", origin });
    expect((await listOwnAuditEvents({ userId: user.id })).entries[0]).toMatchObject({
      action: "sign_in_failed",
      detail: { reason: "wrong_password" },
    });
    const typo = `hunter2-${Math.random().toString(36).slice(2)}@nowhere.test`;
    await recordSignInFailure({ email: typo, reason: "wrong_password", origin });
    const rows = await db.auditEvent.findMany({ where: { userId: null, action: "sign_in_failed" } });
    expect(JSON.stringify(rows)).not.toContain(typo);
  });

  test("a write that fails is logged, not thrown", async () => {
    // No such user: the foreign key refuses the row.
    await expect(
      recordAudit({ action: "sign_out", userId: "00000000-0000-4000-8000-000000000000" }),
    ).resolves.toBeUndefined();
  });
});

describe("reading", () => {
  test("a person sees only their own, newest first, a page at a time", async () => {
    const [me, someone] = [await createUser(), await createUser()];
    const base = Date.parse("2026-12-02T08:00:00Z");
    for (let i = 0; i < 5; i++) {
      await recordAudit({ action: "sign_in", userId: me.id, detail: { n: i }, origin, now: new Date(base + i * 1000) });
    }
    await recordAudit({ action: "sign_in", userId: someone.id, origin, now: new Date(base + 10_000) });
    const first = await listOwnAuditEvents({ userId: me.id, limit: 3 });
    expect(first.entries.map((entry) => entry.detail.n)).toEqual([4, 3, 2]);
    expect(first.next).not.toBeNull();
    const second = await listOwnAuditEvents({ userId: me.id, limit: 3, cursor: first.next ?? undefined });
    expect(second.entries.map((entry) => entry.detail.n)).toEqual([1, 0]);
    expect(second.next).toBeNull();
  });

  test("admins filter everyone's by action and by the account's email, and see who acted", async () => {
    const [owner, admin] = [await createUser(), await createUser({ role: "admin" })];
    await recordAudit({ action: "sign_in", userId: owner.id, origin });
    await recordAudit({
      action: "admin_connection_action",
      userId: owner.id,
      actorId: admin.id,
      detail: { action: "pause", institution: "Platypus" },
      origin,
    });
    const byEmail = await listAuditEvents({ email: owner.email.toUpperCase().slice(0, 12) });
    expect(byEmail.entries.some((entry) => entry.userEmail === owner.email)).toBe(true);
    expect(byEmail.entries.every((entry) => entry.userEmail?.toLowerCase().includes(owner.email.slice(0, 12)))).toBe(
      true,
    );
    const adminActions = await listAuditEvents({ action: "admin_connection_action", email: owner.email });
    expect(adminActions.entries).toHaveLength(1);
    expect(adminActions.entries[0]).toMatchObject({ userEmail: owner.email, actorEmail: admin.email });
  });

  test("the log goes with the account; an admin's actions stay, without their name", async () => {
    const [owner, admin] = [await createUser(), await createUser({ role: "admin" })];
    await recordAudit({ action: "admin_connection_action", userId: owner.id, actorId: admin.id, origin });
    await db.user.delete({ where: { id: admin.id } });
    expect((await listOwnAuditEvents({ userId: owner.id })).entries[0]).toMatchObject({ actorEmail: null });
    await db.user.delete({ where: { id: owner.id } });
    expect(await db.auditEvent.count({ where: { userId: owner.id } })).toBe(0);
  });
});
