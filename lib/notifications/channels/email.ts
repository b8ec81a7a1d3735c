// Email: through the SMTP server SMTP_URL names, or, with none, into a local outbox folder of .eml files
// a developer can open in any mail client. Either way nodemailer renders the same MIME message.
import "server-only";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { oneLine, redactSecrets } from "./text";
import { type ChannelSender, DeliveryError, type OutboundMessage, type Recipient } from "./types";

type EmailConfig = { smtpUrl?: string; from: string; outboxDir: string };
type EmailSender = ChannelSender & { close(): Promise<void> };

// Read through SMTP_URL's query string, so an operator can still override any of them there.
const SMTP_DEFAULTS = {
  pool: "true",
  maxConnections: "2",
  connectionTimeout: "15000",
  greetingTimeout: "10000",
  socketTimeout: "15000",
};

// Codes a server gives for a bad or missing login: the configuration is wrong, not the message.
const AUTH_RESPONSE_CODES = new Set([530, 534, 535, 538]);

export function createEmailSender(config: EmailConfig): EmailSender {
  return config.smtpUrl ? createSmtpSender(config.smtpUrl, config.from) : createOutboxSender(config);
}

function createSmtpSender(smtpUrl: string, from: string): EmailSender {
  const url = new URL(smtpUrl);
  for (const [name, value] of Object.entries(SMTP_DEFAULTS)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  const transport = nodemailer.createTransport(url.toString());
  const server = smtpServerLabel(smtpUrl);
  const secrets = [url.password, safeDecode(url.password)];

  return {
    channel: "email",
    async send({ recipient, message }) {
      try {
        const info = await transport.sendMail(buildMail({ from, recipient, message }));
        return { providerId: info.messageId ?? null };
      } catch (error) {
        throw smtpDeliveryError({ error, server, secrets });
      }
    },
    async close() {
      transport.close();
    },
  };
}

function createOutboxSender({ from, outboxDir }: EmailConfig): EmailSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const directory = path.resolve(outboxDir);

  return {
    channel: "email",
    async send({ recipient, message }) {
      const info = await transport.sendMail(buildMail({ from, recipient, message }));
      try {
        await writeOutboxFile({ directory, messageId: info.messageId, contents: info.message });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new DeliveryError(
          "retry",
          `Couldn't write to the mail outbox (${typeof code === "string" ? code : "error"})`,
        );
      }
      return { providerId: info.messageId };
    },
    async close() {},
  };
}

function buildMail({ from, recipient, message }: { from: string; recipient: Recipient; message: OutboundMessage }) {
  if (!recipient.email) throw new DeliveryError("skipped", "No email address");
  const mail: Mail.Options = {
    from,
    to: recipient.email,
    subject: message.subject,
    text: message.text,
    // Automatic mail (RFC 3834): vacation responders and the like do not answer it.
    headers: { "Auto-Submitted": "auto-generated" },
  };
  if (message.html) mail.html = message.html;
  return mail;
}

/**
 * Writes under a hidden temporary name, then renames: someone watching the folder never opens half a
 * message. Names sort by time: 20261125T093000123Z-<message id>.eml.
 */
async function writeOutboxFile({
  directory,
  messageId,
  contents,
}: {
  directory: string;
  messageId: string;
  /** A Buffer with `buffer: true`, as configured; writeFile takes a stream as well. */
  contents: Buffer | Readable;
}): Promise<string> {
  await mkdir(directory, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:.]/g, "");
  const id = messageId.replace(/^<|>$/g, "").replace(/[^A-Za-z0-9._@-]/g, "_");
  const name = `${stamp}-${id}.eml`;
  const temporary = path.join(directory, `.${name}.tmp`);
  await writeFile(temporary, contents);
  await rename(temporary, path.join(directory, name));
  return name;
}

/**
 * 4xx answers and lost connections are worth retrying; 5xx refusals of the message are not. A refused
 * login is retried too: it is the server's configuration, and fixing SMTP_URL should deliver the message.
 */
function smtpDeliveryError({
  error,
  server,
  secrets,
}: {
  error: unknown;
  server: string;
  secrets: string[];
}): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const { code, responseCode, response, message } = error as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
    message?: unknown;
  };
  const said = redactSecrets({
    text: oneLine({ text: String(typeof response === "string" && response ? response : (message ?? "error")) }),
    secrets,
  });
  const status = typeof responseCode === "number" ? responseCode : null;
  if (code === "EAUTH" || (status !== null && AUTH_RESPONSE_CODES.has(status))) {
    return new DeliveryError("retry", `The mail server ${server} refused the login (${said}); check SMTP_URL`);
  }
  if (status !== null && status >= 500) {
    return new DeliveryError("rejected", `The mail server ${server} refused the message (${said})`);
  }
  if (status !== null && status >= 400) {
    return new DeliveryError("retry", `The mail server ${server} deferred the message (${said})`);
  }
  if (code === "EENVELOPE" || code === "EMESSAGE") {
    return new DeliveryError("rejected", `The message could not be sent (${said})`);
  }
  const prefix = typeof code === "string" ? `${code}: ` : "";
  return new DeliveryError("retry", `Couldn't deliver to the mail server ${server} (${prefix}${said})`);
}

/** "smtp.example.com:587": where mail goes, without the credentials in the URL. */
export function smtpServerLabel(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const port = url.port || (url.protocol === "smtps:" ? "465" : "587");
  return `${url.hostname}:${port}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
