// The field for choosing a password (reset, change), with the rule it is checked against and what
// password managers need to offer a generated one.
import { TextField } from "@/components/ui/field";

export function NewPasswordField({ errors }: { errors?: string[] }) {
  return (
    <TextField
      id="new-password"
      label="New password"
      name="newPassword"
      type="password"
      autoComplete="new-password"
      required
      hint="At least 10 characters, not easy to guess."
      errors={errors}
    />
  );
}
