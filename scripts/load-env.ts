// Loads .env files the way `next dev`/`next start` do, so a CLI sees the same settings as the app.
// Imported first by every CLI, before anything reads `env`.
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");
