// Reads the PostgreSQL SQLSTATE and message out of a Prisma 7 driver-adapter error, so tests can assert
// which constraint refused a statement rather than merely that it threw.

/** The Postgres SQLSTATE and message of a statement that must fail. */
export async function databaseError(statement: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await statement;
  } catch (error) {
    const cause = (
      error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } }
    ).meta?.driverAdapterError?.cause;
    if (cause?.originalCode) return { code: cause.originalCode, message: cause.originalMessage ?? "" };
    throw error;
  }
  throw new Error("expected the statement to fail");
}
