// The e2e server's loopback SMTP server writes every message it accepts to .data/e2e-mail-<port>/
// (e2e/support/start-server.mjs); this reads them back, parsed, for one recipient.
import fs from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";

export type ReceivedMail = { to: string; from: string; subject: string; text: string; html: string };

function mailDir(baseURL: string): string {
  return path.resolve(".data", `e2e-mail-${new URL(baseURL).port}`);
}

/** Every message the server has accepted for `to`, oldest first. */
export async function mailFor(baseURL: string, to: string): Promise<ReceivedMail[]> {
  const dir = mailDir(baseURL);
  const names = (await fs.readdir(dir)).filter((name) => name.endsWith(".eml")).sort();
  const mails: ReceivedMail[] = [];
  for (const name of names) {
    const raw = await fs.readFile(path.join(dir, name));
    // Parsing is the slow part, and most messages are for someone else.
    if (!raw.toString("latin1").toLowerCase().includes(to.toLowerCase())) continue;
    const parsed = await simpleParser(raw);
    const recipients = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((address) =>
      address.value.map((value) => value.address?.toLowerCase()),
    );
    if (!recipients.includes(to.toLowerCase())) continue;
    mails.push({
      to,
      from: parsed.from?.text ?? "",
      subject: parsed.subject ?? "",
      text: parsed.text ?? "",
      html: typeof parsed.html === "string" ? parsed.html : "",
    });
  }
  return mails;
}
