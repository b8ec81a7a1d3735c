// The preferences capability's public face for other capabilities: a person's effective settings
// (account row, then global row, then the defaults) and the channel rules read from them.
import "server-only";

export { DEFAULT_PREFERENCES, type Preferences } from "./defaults";
export { currencyField } from "./fields";
export { getEffectivePreferences, resolvePreferences } from "./resolve";
export { getNotificationChannels } from "./rules";
