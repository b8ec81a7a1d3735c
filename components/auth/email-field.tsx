// The email address a person signs in with, as the sign-up and "Forgot your password?" forms ask for it.
import { TextField } from "@/components/ui/field";

export function EmailField({ errors }: { errors?: string[] }) {
  return <TextField id="email" label="Email" name="email" type="email" autoComplete="email" required errors={errors} />;
}
