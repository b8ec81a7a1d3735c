// The connections capability's face for the layers above it (the worker composition, admin): item
// health checks and webhook URL updates. Pages use the capability's modules directly.
import "server-only";

export { checkItemHealth, findDueHealthChecks, type HealthCheckResult } from "./item-health";
export { updateWebhookUrls, type WebhookUrlReport } from "./webhook-url";
