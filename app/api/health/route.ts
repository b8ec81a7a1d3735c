import { checkDatabaseHealth } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkDatabaseHealth();
  if (health.ok) {
    return Response.json(
      { status: "ok", database: health.database, migrations: health.migrations },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  return Response.json(
    { status: "error", database: health.database, migrations: health.migrations, reason: health.reason },
    { status: 503, headers: { "Cache-Control": "no-store" } },
  );
}
