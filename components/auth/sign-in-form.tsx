"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { safeReturnPath } from "@/lib/auth/return-path";
import type { PasskeyOptionsAction } from "./passkey-button";
import { PasskeySignIn } from "./passkey-sign-in";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Incorrect email or password.",
  OAuthAccountNotLinked: "Sign in the way you signed in before.",
};

export function SignInForm({
  providers,
  passkeySignIn,
}: {
  providers: { id: string; name: string }[];
  /** Null when passkeys cannot work here (the server's address is an IP address). */
  passkeySignIn: PasskeyOptionsAction | null;
}) {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(() => {
    const code = params.get("error");
    return code ? (MESSAGES[code] ?? "Sign-in failed. Try again.") : null;
  });
  const [pending, startTransition] = useTransition();
  // Only a path on this site: never send someone to another site after signing in.
  const callbackUrl = safeReturnPath(params.get("callbackUrl"));

  function submit(formData: FormData) {
    startTransition(async () => {
      setError(null);
      const result = await signIn("credentials", {
        email: String(formData.get("email") ?? ""),
        password: String(formData.get("password") ?? ""),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setError(MESSAGES[result?.error ?? ""] ?? result?.error ?? "Sign-in failed. Try again.");
    });
  }

  return (
    <div className="space-y-6">
      <form action={submit} className="space-y-4" aria-describedby="sign-in-error">
        <TextField id="email" label="Email" name="email" type="email" autoComplete="email" required />
        <TextField
          id="password"
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <p
          id="sign-in-error"
          role="alert"
          aria-live="polite"
          className="min-h-5 text-sm text-red-700 dark:text-red-400"
        >
          {error}
        </p>
        <Button type="submit" wide disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {passkeySignIn ? <PasskeySignIn begin={passkeySignIn} callbackUrl={callbackUrl} report={setError} /> : null}
      {providers.length > 0 ? (
        <div className="space-y-2">
          {providers.map((provider) => (
            <Button key={provider.id} variant="secondary" wide onClick={() => signIn(provider.id, { callbackUrl })}>
              Continue with {provider.name}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
