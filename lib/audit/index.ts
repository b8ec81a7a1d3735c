// The audit capability's public face: recording what happened to an account, and reading it back.
import "server-only";

export { AUDIT_PAGE_SIZE, type AuditCursor, type AuditEntry, listAuditEvents, listOwnAuditEvents } from "./list";
export { type AuditOrigin, recordAudit, recordSignInFailure } from "./record";
