"use server";

import { z } from "zod";
import type { ActionState } from "@/lib/auth/action";
import { emailSchema, passwordSchema, registerUser } from "@/lib/auth/users";

const signUpSchema = z.object({
  name: z.string().trim().max(100, "Use at most 100 characters.").optional(),
  email: emailSchema,
  password: passwordSchema,
});

/** Creates the account; the form then signs in with the same credentials. */
export async function signUp(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { errors: z.flattenError(parsed.error).fieldErrors, message: "Check the highlighted fields." };
  }
  const user = await registerUser(parsed.data);
  if (!user) {
    return { message: "We couldn't create an account with these details. If you already have one, sign in instead." };
  }
  return { ok: true };
}
