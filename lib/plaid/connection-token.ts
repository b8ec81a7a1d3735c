// The one place a connection's access token is read back in the clear, for the call that needs it
// (link update mode, unlink, sync). Keep the result in a local variable; never return it to a page.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { openAccessToken } from "./token-crypto";

export async function getConnectionAccessToken({ connectionId }: { connectionId: string }): Promise<string> {
  const connection = await db.plaidConnection.findUnique({
    where: { id: connectionId },
    select: { accessToken: true, accessTokenKeyId: true },
  });
  if (!connection) throw new AppError("connection:not_found", "This bank connection no longer exists.");
  if (connection.accessTokenKeyId === null) {
    // A row from before tokens were sealed. Refuse rather than use it: `npm run keys:rotate` seals it.
    throw new AppError(
      "token:undecryptable",
      "This connection's access token is not sealed yet. Run `npm run keys:rotate` to seal it.",
    );
  }
  return openAccessToken({ ciphertext: connection.accessToken, keyId: connection.accessTokenKeyId });
}
