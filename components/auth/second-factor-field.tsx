// A code from the authenticator app, or a recovery code: signing in, turning two-factor sign-in off,
// deleting the account.
import { TextField } from "@/components/ui/field";

export function SecondFactorField({
  id,
  errors,
  label = "Authentication code",
}: {
  id: string;
  errors?: string[];
  label?: string;
}) {
  return (
    <TextField
      id={id}
      label={label}
      name="code"
      autoComplete="one-time-code"
      autoCapitalize="none"
      spellCheck={false}
      maxLength={64}
      required
      hint="The 6 digits your authenticator app shows for Mingus, or one of your recovery codes."
      errors={errors}
    />
  );
}
