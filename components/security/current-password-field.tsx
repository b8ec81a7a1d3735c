// The current password, as every Settings → Security form that changes something asks for it again.
import { TextField } from "@/components/ui/field";

export function CurrentPasswordField({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <TextField
      id={id}
      label="Current password"
      name="currentPassword"
      type="password"
      autoComplete="current-password"
      required
      errors={errors}
    />
  );
}
