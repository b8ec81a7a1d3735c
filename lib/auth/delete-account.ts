// "Delete my account": the person proves it is them again (their password; for an account without one,
// its address typed out), every bank is removed at Plaid (/item/remove) and then every row goes with the
// user (foreign keys cascade). Plaid first, one bank at a time: if Plaid refuses one, nothing more is
// deleted and the person is told, so no item keeps running at Plaid for an account that is gone. A mail
// to the address confirms it.
import "server-only";
import { unlinkConnection } from "@/lib/connections";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type LaterMail, mailLater } from "./mail";
import { assertCurrentPassword } from "./passwords";
import { hasSecondFactor, redeemSecondFactor } from "./two-factor";

export async function deleteAccount({
  userId,
  currentPassword,
  typedEmail,
  code = "",
  address,
}: {
  userId: string;
  /** For an account with a password. */
  currentPassword: string;
  /** For an account without one (GitHub or Google only): its address, typed out. */
  typedEmail: string;
  /** With two-factor sign-in on: a code from the app or a recovery code. */
  code?: string;
  address: string;
}): Promise<{ email: string; banksRemoved: number; send: LaterMail }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (user.passwordHash) {
    await assertCurrentPassword({ userId, currentPassword, address });
  } else if (typedEmail.trim().toLowerCase() !== user.email) {
    throw new AppError("auth:wrong_password", "Type your account's email address exactly to confirm.");
  }
  // Throws auth:wrong_code (counted like a sign-in's) when the code is not right.
  if (await hasSecondFactor({ userId })) await redeemSecondFactor({ userId, code, purpose: "delete_account" });
  const connections = await db.plaidConnection.findMany({ where: { userId }, select: { id: true } });
  for (const connection of connections) {
    // Throws (with Plaid's message) when Plaid would not remove the item; what is left stays as it was.
    await unlinkConnection({ userId, connectionId: connection.id });
  }
  await db.user.delete({ where: { id: userId } });
  return {
    email: user.email,
    banksRemoved: connections.length,
    send: mailLater({
      userId,
      email: user.email,
      subject: "Your Mingus account was deleted",
      lines: [
        "Your Mingus account and everything in it were deleted, as you asked.",
        connections.length > 0
          ? `Mingus also told Plaid to stop reading your ${connections.length === 1 ? "bank" : `${connections.length} banks`}.`
          : "",
        "",
        "If you did not ask for this, someone had your password: tell this server's administrator.",
      ],
      what: "account deleted notice",
    }),
  };
}
