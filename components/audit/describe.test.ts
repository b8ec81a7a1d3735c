// The audit log's lines in words: every action has a label, and the second factor's events read as a
// person would say them.
import { expect, test } from "vitest";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/db/vocabulary";
import { AUDIT_ACTION_LABELS, describeAuditEntry } from "./describe";

const entry = (action: AuditAction, detail: Record<string, unknown> = {}) => ({
  id: "00000000-0000-4000-8000-000000000000",
  action,
  createdAt: new Date("2026-12-07T10:00:00Z"),
  ipAddress: null,
  userAgent: null,
  detail,
  userEmail: "ada@example.test",
  actorEmail: null,
});

test("every action has a label and a line", () => {
  for (const action of AUDIT_ACTIONS) {
    expect(AUDIT_ACTION_LABELS[action], action).toBeTruthy();
    expect(describeAuditEntry(entry(action)), action).not.toBe("");
  }
});

test("sign-ins that ask for a code, and the second factor's own events", () => {
  expect(describeAuditEntry(entry("sign_in", { method: "credentials" }))).toBe("Signed in with a password");
  expect(describeAuditEntry(entry("sign_in", { method: "github", codeAsked: true }))).toBe(
    "Signed in with GitHub; two-factor code asked",
  );
  expect(describeAuditEntry(entry("recovery_code_used", { left: 7, purpose: "sign_in" }))).toBe(
    "Recovery code used to sign in; 7 left",
  );
  expect(describeAuditEntry(entry("recovery_code_used", { left: "seven", purpose: "disable" }))).toBe(
    "Recovery code used to turn off two-factor sign-in",
  );
  expect(describeAuditEntry(entry("two_factor_passed", { method: "totp" }))).toBe(
    "Sign-in finished with a code from the authenticator app",
  );
  expect(describeAuditEntry(entry("two_factor_failed"))).toBe("Wrong two-factor code");
  expect(describeAuditEntry(entry("two_factor_disabled"))).toBe("Two-factor sign-in turned off");
});

test("passkeys: added, removed, signing in and standing in for the code, and refused", () => {
  expect(describeAuditEntry(entry("passkey_added", { name: "Work laptop" }))).toBe("Passkey “Work laptop” added");
  expect(describeAuditEntry(entry("passkey_removed", { name: 7 }))).toBe("Passkey “?” removed");
  expect(describeAuditEntry(entry("sign_in", { method: "passkey", passkey: "Phone" }))).toBe(
    "Signed in with a passkey “Phone”",
  );
  expect(describeAuditEntry(entry("two_factor_passed", { method: "passkey", passkey: "Phone" }))).toBe(
    "Sign-in finished with the passkey “Phone”",
  );
  expect(describeAuditEntry(entry("two_factor_failed", { method: "passkey" }))).toBe("A passkey was refused");
  expect(describeAuditEntry(entry("sign_in_failed", { reason: "passkey_rejected" }))).toBe(
    "Failed sign-in: a passkey was refused",
  );
  expect(describeAuditEntry(entry("recovery_code_used", { left: 3, purpose: "add_passkey" }))).toBe(
    "Recovery code used to add a passkey; 3 left",
  );
});
