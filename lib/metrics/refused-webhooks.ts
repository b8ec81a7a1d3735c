// Webhooks this process refused (failed verification): they are never recorded, so unlike the verified
// ones they cannot be counted from the database. Their type and code are unverified input and are not
// used as labels.
import "server-only";

const counts = globalThis as typeof globalThis & { __mingusRefusedWebhooks?: number };

export function countRefusedWebhook(): void {
  counts.__mingusRefusedWebhooks = (counts.__mingusRefusedWebhooks ?? 0) + 1;
}

export function refusedWebhooks(): number {
  return counts.__mingusRefusedWebhooks ?? 0;
}
