// What the browser needs to know to open Link: whether it is the emulator's stand-in, and where the
// stand-in's endpoints are. Same-origin as a path, so a page opened on another host name still works.
import "server-only";
import { getPlaidConfig } from "./config";

/** Real Plaid's Link, or the stand-in backed by the emulator at `emulatorUrl`. */
export type LinkEnvironment = { emulated: boolean; emulatorUrl: string };

export function getLinkEnvironment(): LinkEnvironment {
  const config = getPlaidConfig();
  if (config.mode !== "emulator") return { emulated: false, emulatorUrl: "" };
  const served = config.basePath.startsWith(`${config.appUrl}/`);
  return { emulated: true, emulatorUrl: served ? config.basePath.slice(config.appUrl.length) : config.basePath };
}
