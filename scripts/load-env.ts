// Loads .env files the way `next dev`/`next start` do, so a CLI sees the same settings as the app, then
// checks them whole: a bad value stops the program with status 1 and a message naming each bad variable
// (lib/env-error.ts), not a stack trace and not halfway through its work. Imported first by every CLI.
import nextEnv from "@next/env";
import { exitOnEnvError } from "@/lib/env-error";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");

// lib/env.ts parses the settings as it is imported, maybe by a module imported beside this one before
// the import below settles: its EnvError then surfaces as an uncaught exception, reported here first.
process.on("uncaughtExceptionMonitor", exitOnEnvError);
try {
  await import("@/lib/env");
} catch (error) {
  exitOnEnvError(error);
  throw error;
}
