// next-auth configuration: email and password through the Credentials provider, GitHub and Google
// when their keys are set, JWT sessions. The token carries only the user id; every request reloads
// the user (lib/auth/session.ts), so a deleted or demoted user loses access at once.
import "server-only";
import { cookies, headers } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { recordAudit, recordSignInFailure } from "@/lib/audit";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { clientAddress } from "@/lib/security/client-address";
import { syncOnSignIn } from "@/lib/sync";
import { finishPasskeySignIn, PASSKEY_CHALLENGE_COOKIE, passkeyAnswerSchema } from "./passkeys";
import { assertSignInAllowed, recordFailedSignIn, recordSuccessfulSignIn } from "./rate-limit";
import { sameOriginRedirect } from "./return-path";
import { getAuthSecret } from "./secret";
import { createSession, endSession, SESSION_MAX_AGE_SECONDS, userOfSession } from "./sessions";
import { hasSecondFactor } from "./two-factor";
import { emailSchema, findOrCreateOAuthUser, verifyCredentials } from "./users";

const credentialsSchema = z.object({ email: emailSchema, password: z.string().min(1).max(128) });

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

/** GitHub's profile with only its primary, verified address as `email` (and `email_verified` saying so). */
export async function githubProfileWithVerifiedEmail({
  client,
  tokens,
}: {
  client: { userinfo: (token: string) => Promise<Record<string, unknown>> };
  tokens: { access_token?: string };
}): Promise<Record<string, unknown>> {
  const token = tokens.access_token ?? "";
  const profile = await client.userinfo(token);
  const response = await fetch("https://api.github.com/user/emails", {
    headers: { Authorization: `token ${token}`, Accept: "application/vnd.github+json" },
  });
  const emails = response.ok ? ((await response.json()) as GitHubEmail[]) : [];
  const proved = Array.isArray(emails) ? emails.find((entry) => entry.primary && entry.verified) : undefined;
  return { ...profile, email: proved?.email ?? null, email_verified: proved !== undefined };
}

function oauthProviders(): NextAuthOptions["providers"] {
  const providers: NextAuthOptions["providers"] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(
      GitHubProvider({
        clientId: env.GITHUB_ID,
        clientSecret: env.GITHUB_SECRET,
        // next-auth takes the profile's public email, or the primary one, verified or not; an address
        // GitHub has not verified must not confirm a Mingus account (or make it admin).
        userinfo: { url: "https://api.github.com/user", request: githubProfileWithVerifiedEmail },
      }),
    );
  }
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((provider) => ({ id: provider.id, name: provider.name }));
}

/** One header of next-auth's request to authorize, whichever shape it comes in. */
function headerOf(source: unknown, name: string): string | null {
  if (!source) return null;
  if (typeof (source as Headers).get === "function") return (source as Headers).get(name)?.slice(0, 512) ?? null;
  const value = (source as Record<string, string | string[] | undefined>)[name];
  return (Array.isArray(value) ? value[0] : value)?.slice(0, 512) ?? null;
}

/** The browser and address of the request being handled (next-auth's route handler). */
async function requestOrigin() {
  const requestHeaders = await headers();
  return { userAgent: requestHeaders.get("user-agent"), address: clientAddress(requestHeaders) };
}

export const authOptions: NextAuthOptions = {
  secret: getAuthSecret(),
  // The cookie is a JWT, as the Credentials provider needs; it names a user_sessions row that lasts as
  // long, and a request is signed in only while that row lives (lib/auth/sessions.ts).
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const attempt = { email: parsed.data.email, address: clientAddress(request?.headers) };
        const origin = { address: attempt.address, userAgent: headerOf(request?.headers, "user-agent") };
        // Throwing ends the attempt with this message; it says nothing about whether the email exists.
        // Refusals are not recorded one by one: an attacker could write rows without limit.
        await assertSignInAllowed(attempt);
        const user = await verifyCredentials(parsed.data);
        if (!user) {
          await recordFailedSignIn(attempt);
          await recordSignInFailure({ email: attempt.email, reason: "wrong_password", origin });
          return null;
        }
        await recordSuccessfulSignIn(attempt);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    // "Sign in with a passkey" (lib/auth/passkeys.ts): the browser's answer to the challenge the cookie
    // names. A passkey verifies its user (PIN or biometric), so the session is whole at once.
    CredentialsProvider({
      id: "passkey",
      name: "Passkey",
      credentials: { response: { label: "Passkey answer", type: "text" } },
      async authorize(credentials) {
        const answer = passkeyAnswerSchema.safeParse(credentials?.response);
        const store = await cookies();
        const challengeId = store.get(PASSKEY_CHALLENGE_COOKIE)?.value;
        store.delete({ name: PASSKEY_CHALLENGE_COOKIE, path: "/api/auth" });
        if (!answer.success || !challengeId) {
          throw new Error("The passkey was not accepted. Press “Sign in with a passkey” again.");
        }
        try {
          const { userId, passkeyName } = await finishPasskeySignIn({ challengeId, response: answer.data });
          return { id: userId, passkeyName };
        } catch (error) {
          // next-auth shows the message thrown (in the URL): the AppError's own, written for the person;
          // anything else is logged and told in general words, never as the database's own.
          if (isAppError(error)) throw new Error(error.message);
          log.error({ err: error }, "passkey sign-in failed");
          throw new Error("Signing in with a passkey failed. Try again, or use your password.");
        }
      },
    }),
    ...oauthProviders(),
  ],
  events: {
    // sync_on_login: fresh data for the person's connections (lib/sync/sign-in.ts); never fails the sign-in.
    async signIn({ user, account }) {
      const ours = !account || account.provider === "credentials" || account.provider === "passkey";
      await syncOnSignIn(ours ? { userId: user.id } : { email: user.email });
    },
    // Sign-out ends the session on the server: the cookie, if kept, signs no one in again.
    async signOut({ token }) {
      if (!token?.sub || typeof token.sid !== "string") return;
      if (await endSession({ userId: token.sub, sessionId: token.sid })) {
        await recordAudit({ action: "sign_out", userId: token.sub });
      }
    },
  },
  callbacks: {
    // Every redirect next-auth makes (after OAuth, after sign-out) stays on this site.
    async redirect({ url, baseUrl }) {
      return sameOriginRedirect({ url, baseUrl });
    },
    async signIn({ account, profile, user }) {
      if (!account || account.provider === "credentials" || account.provider === "passkey") return true;
      const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified !== false;
      return Boolean(user.email && verified);
    },
    async jwt({ token, user, account }) {
      const ownProvider = account?.provider === "credentials" || account?.provider === "passkey";
      if (user && account && !ownProvider && user.email) {
        const ours = await findOrCreateOAuthUser({
          email: user.email.toLowerCase(),
          name: user.name,
          image: user.image,
        });
        token.sub = ours.id;
      } else if (user) {
        token.sub = user.id;
      }
      // A sign-in (user is set only then) opens a session, named in the cookie. Someone with a second
      // factor gets a session that opens only /two-factor until they give it (lib/auth/session.ts).
      if (user && token.sub) {
        const origin = await requestOrigin();
        // A passkey is both factors (the device, and its PIN or biometric).
        const passkeyName =
          account?.provider === "passkey" ? (user as { passkeyName?: string }).passkeyName : undefined;
        const secondFactorPending = account?.provider !== "passkey" && (await hasSecondFactor({ userId: token.sub }));
        token.sid = await createSession({ userId: token.sub, origin, secondFactorPending });
        await recordAudit({
          action: "sign_in",
          userId: token.sub,
          // With a second factor still to give, this is only the first step (lib/auth/two-factor.ts).
          detail: {
            method: account?.provider ?? "credentials",
            ...(secondFactorPending ? { codeAsked: true } : {}),
            ...(passkeyName ? { passkey: passkeyName } : {}),
          },
          origin: { address: origin.address, userAgent: origin.userAgent?.slice(0, 512) ?? null },
        });
      }
      return token;
    },
    // What the browser may read (/api/auth/session): the user's id, never the session's; nothing for a
    // session that was ended or still waits for its two-factor code.
    async session({ session, token }) {
      const live =
        token.sub && typeof token.sid === "string"
          ? await userOfSession({ sessionId: token.sid, userId: token.sub })
          : null;
      if (!live) return { expires: session.expires };
      if (session.user) (session.user as { id?: string }).id = live.id;
      return session;
    },
  },
};
