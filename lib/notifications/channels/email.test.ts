// Email against a real SMTP server on loopback (smtp-server, with a login): the delivered message parses
// back to what was sent, the server's refusals sort into "retry" and "rejected", and the SMTP password
// never appears in an error. Without SMTP, the outbox holds one readable .eml per message.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, test } from "vitest";
import { createEmailSender, smtpServerLabel } from "./email";
import { closedPort, rejectionOf } from "./test-http-server";
import { DeliveryError, type Recipient } from "./types";

const USER = "mingus";
const PASSWORD = "s3cr3t/p@ss";
const FROM = "Mingus <alerts@mingus.test>";

const recipient: Recipient = { userId: "u1", email: "ana@example.com", phoneNumber: null, pushSubscriptions: [] };
const message = {
  subject: "Checking fell below $100.00",
  text: "Checking is at $42.10, below your $100.00 alert.",
  html: "<p>Checking is at <strong>$42.10</strong>, below your $100.00 alert.</p>",
};

type SmtpOptions = { rcptError?: { code: number; text: string } };
type RunningSmtp = { port: number; received: Buffer[]; logins: string[]; close: () => Promise<void> };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startSmtp({ rcptError }: SmtpOptions = {}): Promise<RunningSmtp> {
  const received: Buffer[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) {
        logins.push(auth.username);
        return callback(null, { user: auth.username });
      }
      // Echoing the attempted password is the worst a server can do: the sender must scrub it.
      callback(new Error(`Authentication failed for ${auth.username} with ${auth.password}`));
    },
    onRcptTo(_address, _session, callback) {
      if (!rcptError) return callback();
      callback(Object.assign(new Error(rcptError.text), { responseCode: rcptError.code }));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const running = {
    port,
    received,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  cleanups.push(running.close);
  return running;
}

function smtpSender(port: number, password = PASSWORD) {
  const sender = createEmailSender({
    smtpUrl: `smtp://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    from: FROM,
    outboxDir: "/nonexistent",
  });
  cleanups.push(sender.close);
  return sender;
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(DeliveryError);
  expect((error as Error).message).not.toContain(PASSWORD);
  expect((error as Error).message).not.toContain(encodeURIComponent(PASSWORD));
  return error as DeliveryError;
}

describe("createEmailSender through SMTP", () => {
  test("logs in and delivers a text and HTML message", async () => {
    const smtp = await startSmtp();
    const result = await smtpSender(smtp.port).send({ recipient, message });

    expect(smtp.logins).toEqual([USER]);
    expect(smtp.received).toHaveLength(1);
    const parsed = await simpleParser(smtp.received[0] ?? Buffer.alloc(0));
    expect(parsed.from?.text).toBe('"Mingus" <alerts@mingus.test>');
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : null).toBe("ana@example.com");
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.html).toBe(message.html);
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expect(result.providerId).toBe(parsed.messageId);
    expect(result.providerId).toMatch(/^<.+@mingus\.test>$/);
  });

  test("a refused login is retried (fixing SMTP_URL delivers it) and the password is scrubbed", async () => {
    const smtp = await startSmtp();
    const error = await failure(smtpSender(smtp.port, "not-the-password").send({ recipient, message }));
    expect(error.kind).toBe("retry");
    expect(error.message).toContain(`The mail server 127.0.0.1:${smtp.port} refused the login (535`);
    expect(error.message).toContain("with [redacted]");
    expect(smtp.received).toHaveLength(0);
  });

  test("a 550 for the recipient is rejected", async () => {
    const smtp = await startSmtp({ rcptError: { code: 550, text: "No such user here" } });
    const error = await failure(smtpSender(smtp.port).send({ recipient, message }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toBe(`The mail server 127.0.0.1:${smtp.port} refused the message (550 No such user here)`);
  });

  test("a 451 for the recipient is retried", async () => {
    const smtp = await startSmtp({ rcptError: { code: 451, text: "Greylisted, try again later" } });
    const error = await failure(smtpSender(smtp.port).send({ recipient, message }));
    expect(error.kind).toBe("retry");
    expect(error.message).toContain("deferred the message (451 Greylisted, try again later)");
  });

  test("a server nobody answers at is retried", async () => {
    const port = await closedPort();
    const error = await failure(smtpSender(port).send({ recipient, message }));
    expect(error.kind).toBe("retry");
    expect(error.message).toContain(`Couldn't deliver to the mail server 127.0.0.1:${port} (ESOCKET: `);
    expect(error.message).toContain("ECONNREFUSED");
  });

  test("names the server by host and port only", () => {
    expect(smtpServerLabel("smtp://user:hunter2@smtp.example.com:2525")).toBe("smtp.example.com:2525");
    expect(smtpServerLabel("smtps://user:hunter2@smtp.example.com")).toBe("smtp.example.com:465");
    expect(smtpServerLabel("smtp://smtp.example.com")).toBe("smtp.example.com:587");
  });
});

describe("createEmailSender without SMTP", () => {
  async function outbox() {
    const directory = await mkdtemp(path.join(os.tmpdir(), "mingus-outbox-"));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    const outboxDir = path.join(directory, "outbox");
    return { outboxDir, sender: createEmailSender({ from: FROM, outboxDir }) };
  }

  test("writes each message as a complete .eml file named by time and Message-ID", async () => {
    const { outboxDir, sender } = await outbox();
    const first = await sender.send({ recipient, message });
    const second = await sender.send({ recipient, message: { subject: "Second", text: "Plain text only." } });

    const files = await readdir(outboxDir);
    expect(files).toHaveLength(2);
    expect(files.every((name) => /^\d{8}T\d{9}Z-.+\.eml$/.test(name))).toBe(true);
    const [older, newer] = [...files].sort();
    const parsedFirst = await simpleParser(await readFile(path.join(outboxDir, older ?? "")));
    const parsedSecond = await simpleParser(await readFile(path.join(outboxDir, newer ?? "")));

    expect(parsedFirst.messageId).toBe(first.providerId);
    expect(parsedFirst.subject).toBe(message.subject);
    expect(parsedFirst.html).toBe(message.html);
    expect(parsedFirst.text?.trim()).toBe(message.text);
    expect(parsedSecond.messageId).toBe(second.providerId);
    expect(parsedSecond.html).toBe(false);
    expect(older).toContain((first.providerId ?? "").replace(/[<>]/g, ""));
  });

  test("skips a recipient without an email address and writes nothing", async () => {
    const { outboxDir, sender } = await outbox();
    const error = await failure(sender.send({ recipient: { ...recipient, email: "" }, message }));
    expect(error.kind).toBe("skipped");
    await expect(readdir(outboxDir)).rejects.toThrow();
  });
});
