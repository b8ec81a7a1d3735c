// The auth capability's public face for other capabilities: who a user is. Ownership checks are
// lib/auth/ownership.ts, which sits below every capability and is imported directly.
import "server-only";

export { adminAccess } from "./two-factor";
export { getUserById, type SessionUser } from "./users";
