"use client";
// "Use a passkey" on /two-factor: one of the person's passkeys in place of the app's code.
import { type FormAction, formOf } from "@/components/form-action";
import { answerWithPasskey, PasskeyButton, type PasskeyOptionsAction } from "./passkey-button";

export function PasskeySecondFactor({
  begin,
  finish,
  callbackUrl,
}: {
  begin: PasskeyOptionsAction;
  finish: FormAction<{ next: string }>;
  callbackUrl: string;
}) {
  return (
    <PasskeyButton
      label="Use a passkey"
      use={async () => {
        const prompt = await answerWithPasskey(begin);
        if ("problem" in prompt) return prompt.problem;
        const done = await finish({}, formOf({ response: JSON.stringify(prompt.answer), callbackUrl }));
        if (!done.data?.next) return done.message ?? "The passkey was not accepted. Try again, or type a code.";
        // A whole page load, as after a code: every part of the page renders for the finished sign-in.
        window.location.assign(done.data.next);
        return null;
      }}
    />
  );
}
