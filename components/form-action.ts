// The shape of a server action a form or button calls (`authedAction` in lib/auth/action.ts makes
// them). Components receive their actions as props from the page that owns them and name them by
// this type, so nothing under components/ imports from app/.
import type { ActionState } from "@/lib/auth/action";

export type FormAction<Data = never> = (previous: ActionState<Data>, formData: FormData) => Promise<ActionState<Data>>;

/** A form of named fields, for an action called from code rather than from a <form>. */
export function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}
