// The notifications capability's public face for other capabilities and the worker composition:
// evaluating a connection's alerts after its sync or webhook, and the notify jobs' handlers.
import "server-only";

export { sendAccountEmail } from "./account-mail";
export { closeChannelSenders } from "./channels";
export { handleNotifyJob } from "./delivery/deliver";
export { sweepNotificationMessages } from "./delivery/sweep";
export { type EvaluationResult, evaluateConnectionAlerts } from "./evaluate";
export { evaluateManualAccountAlerts } from "./evaluate-manual";
export { notifyConnectionAlerts, notifyManualAccountAlerts, notifyUserAlerts } from "./notify";
