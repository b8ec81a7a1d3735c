// The one wrapper for authenticated mutations: session, then zod, then the work. Returns field errors
// and a message for useActionState forms; never echoes input or internals back.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { runWithRequestLog } from "@/lib/log/request";
import { getCurrentUser } from "./session";
import type { SessionUser } from "./users";

export interface ActionState<Data = never> {
  ok?: boolean;
  message?: string;
  errors?: Record<string, string[] | undefined>;
  /** What an action hands back beyond a message (an id, a link token): allowlisted by the action. */
  data?: Data;
}

export function authedAction<Schema extends z.ZodType, Data = never>(
  schema: Schema,
  work: (input: z.infer<Schema>, user: SessionUser) => Promise<ActionState<Data> | undefined>,
) {
  // Every log line of the work carries the calling request's id.
  return (previous: ActionState<Data>, formData: FormData) =>
    runWithRequestLog(() => runAction(schema, work, previous, formData));
}

async function runAction<Schema extends z.ZodType, Data>(
  schema: Schema,
  work: (input: z.infer<Schema>, user: SessionUser) => Promise<ActionState<Data> | undefined>,
  _previous: ActionState<Data>,
  formData: FormData,
): Promise<ActionState<Data>> {
  const user = await getCurrentUser();
  if (!user) return { message: "Your session has ended. Sign in again." };
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return {
      errors: z.flattenError(parsed.error).fieldErrors as ActionState["errors"],
      message: "Nothing was saved. Check the highlighted fields.",
    };
  }
  try {
    return (await work(parsed.data, user)) ?? { ok: true };
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error)) return { message: error.message };
    log.error({ err: error }, "action failed");
    return { message: "Something went wrong and nothing was saved. Try again." };
  }
}
