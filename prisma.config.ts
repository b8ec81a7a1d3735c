// Prisma CLI configuration. The app itself never reads this file: lib/db builds the client with a
// driver adapter, and lib/db/migrate applies prisma/migrations (see README "Migrations").
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/mingus" },
});
