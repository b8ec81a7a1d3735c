// A real SMTP server on loopback for tests: it accepts (or refuses, as told) every message and keeps
// what it accepted, parsed, so a test reads exactly what the app sent.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

/** An SMTP reply to refuse with (e.g. 451 "try later", 550 "no such mailbox"), or null to accept. */
export type SmtpRefusal = { responseCode: number; message: string } | null;

export type TestSmtpServer = {
  url: string;
  received: ParsedMail[];
  /** Decides each message's fate as it arrives (attempts count from 1 again); by default all are accepted. */
  refuseWith: (refusal: (attempt: number) => SmtpRefusal) => void;
  close: () => Promise<void>;
};

export async function startSmtpServer({
  auth,
}: {
  auth?: { user: string; pass: string };
} = {}): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  let attempts = 0;
  let decide: (attempt: number) => SmtpRefusal = () => null;
  const server = new SMTPServer({
    authOptional: !auth,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(credentials, _session: SMTPServerSession, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass) {
        callback(null, { user: credentials.username });
      } else {
        callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      }
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        attempts += 1;
        const refusal = decide(attempts);
        if (refusal) {
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.responseCode }));
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            received.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : "";
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    received,
    refuseWith: (refusal) => {
      decide = refusal;
      attempts = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
