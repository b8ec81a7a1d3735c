// The connections capability's face for the layers above it (the worker composition, admin): item
// health checks, webhook URL updates and the pending-link sweep. Pages use the capability's modules directly.
import "server-only";

export { checkItemHealth, findDueHealthChecks, type HealthCheckResult } from "./item-health";
export { type PendingLinkReport, settlePendingLinks } from "./pending-links";
export { unlinkConnection } from "./unlink";
export { updateWebhookUrls, type WebhookUrlReport } from "./webhook-url";
