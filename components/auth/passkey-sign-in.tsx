"use client";
// "Sign in with a passkey": the server's challenge, the browser's passkey prompt, then next-auth's
// passkey provider (lib/auth/options.ts) checks the answer and opens a whole session.
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { answerWithPasskey, PasskeyButton, type PasskeyOptionsAction } from "./passkey-button";

export function PasskeySignIn({
  begin,
  callbackUrl,
  report,
}: {
  begin: PasskeyOptionsAction;
  callbackUrl: string;
  /** The sign-in form's message line. */
  report: (message: string | null) => void;
}) {
  const router = useRouter();
  return (
    <PasskeyButton
      label="Sign in with a passkey"
      report={report}
      use={async () => {
        const prompt = await answerWithPasskey(begin);
        if ("problem" in prompt) return prompt.problem;
        const result = await signIn("passkey", { response: JSON.stringify(prompt.answer), redirect: false });
        if (!result?.ok || result.error) return result?.error ?? "The passkey was not accepted. Try again.";
        router.replace(callbackUrl);
        router.refresh();
        return null;
      }}
    />
  );
}
