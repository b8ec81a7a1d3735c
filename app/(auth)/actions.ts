"use server";

import { headers } from "next/headers";
import { z } from "zod";
import type { ActionState } from "@/lib/auth/action";
import { passwordWeakness } from "@/lib/auth/password-strength";
import { consumeSignUp, ThrottledError } from "@/lib/auth/rate-limit";
import { emailSchema, passwordSchema, registerUser } from "@/lib/auth/users";
import { clientAddress } from "@/lib/security/client-address";
import { freeTextSchema } from "@/lib/text/free-text";

const signUpSchema = z
  .object({
    name: freeTextSchema({ max: 100 }).optional(),
    email: emailSchema,
    password: passwordSchema,
  })
  // The email and name count as guessable. zod runs this even when a field failed, so a password the
  // length rule refused gets only that message.
  .superRefine(({ name, email, password }, ctx) => {
    if (!passwordSchema.safeParse(password).success) return;
    const known = [email, name].filter((value): value is string => typeof value === "string");
    const weakness = passwordWeakness(password, [...known, ...known.map((value) => value.split("@")[0] ?? "")]);
    if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
  });

/** Creates the account; the form then signs in with the same credentials. */
export async function signUp(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { errors: z.flattenError(parsed.error).fieldErrors, message: "Check the highlighted fields." };
  }
  try {
    // Counted before the password is hashed: each sign-up costs the server an argon2 hash.
    await consumeSignUp({ address: clientAddress(await headers()) });
  } catch (error) {
    if (error instanceof ThrottledError) return { message: error.message };
    throw error;
  }
  const user = await registerUser(parsed.data);
  if (!user) {
    return { message: "We couldn't create an account with these details. If you already have one, sign in instead." };
  }
  return { ok: true };
}
