// Identifiers in Plaid's formats, and the one-way hash under which tokens are stored: the emulator
// never keeps an access or public token it could hand back or leak.
import { createHash, randomInt, randomUUID } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomAlphanumeric(length: number): string {
  let out = "";
  for (let index = 0; index < length; index++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** Plaid's request ids are 15 alphanumerics, e.g. "HNTDNrA8F1shFEW". */
export function createRequestId(): string {
  return randomAlphanumeric(15);
}

/** Plaid's item ids are 37 alphanumerics. */
export function createItemId(): string {
  return randomAlphanumeric(37);
}

export type TokenKind = "access" | "public" | "link";

/** `access-sandbox-<uuid>`, `public-sandbox-<uuid>`, `link-sandbox-<uuid>`, as the sandbox issues them. */
export function createToken(kind: TokenKind): string {
  return `${kind}-sandbox-${randomUUID()}`;
}

export function hasTokenFormat(kind: TokenKind, token: string): boolean {
  return token.startsWith(`${kind}-sandbox-`) && token.length > `${kind}-sandbox-`.length;
}

export function sha256Hex(value: string | Uint8Array): string {
  return createHash("sha256").update(value).digest("hex");
}

/** The item's data seed: a deterministic, non-negative 31-bit number derived from its id. */
export function seedFromItemId(itemId: string): number {
  return createHash("sha256").update(itemId).digest().readUInt32BE(0) >>> 1;
}
