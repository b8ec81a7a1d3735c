// Notifications as messages for each channel: one alert on its own, or a period's digest. Email gets
// plain text and a simple accessible HTML part (every stored string escaped), push a short title and
// body with a link, SMS one compact line. The alerts' own words come from each rule (rules/).
import "server-only";
import type { Prisma } from "@/lib/db";
import type { DeliveryChannel } from "@/lib/db/vocabulary";
import type { OutboundMessage } from "./channels/types";
import type { DigestFrequency } from "./delivery/periods";

import { ALERT_RULES } from "./rules/registry";

/** A stored notification, as much of it as a message needs. */
export type NotificationForMessage = {
  /** The notification's id: push uses it as the tag, so two alerts never replace each other. */
  id?: string;
  kind: string;
  title: string;
  body: string;
  reason: string | null;
  createdAt: Date;
  accountId: string | null;
  accountName: string | null;
  /** notifications.data; its `summary` is the SMS line. */
  data?: Prisma.JsonValue;
};

/** Digest emails list this many alerts, then "and N more". */
export const DIGEST_EMAIL_LIMIT = 50;
/** An SMS line's own words are cut here so the link after them always fits the SMS channel's limit. */
const SMS_SUMMARY_MAX = 140;

function count(n: number, [one, many]: readonly [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function cut(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max
    ? text
    : `${characters
        .slice(0, max - 3)
        .join("")
        .trimEnd()}...`;
}

function baseUrl(appUrl: string): string {
  return appUrl.replace(/\/+$/, "");
}

/** Where an alert leads: its account's page, the accounts list to reconnect, else the notifications. */
function linkFor(notification: NotificationForMessage, appUrl: string): { url: string; label: string } {
  const base = baseUrl(appUrl);
  if (notification.accountId) {
    return {
      url: `${base}/accounts/${encodeURIComponent(notification.accountId)}`,
      label: `View ${notification.accountName ?? "the account"} in Mingus`,
    };
  }
  if (notification.kind === "reconnect_required") return { url: `${base}/accounts`, label: "Reconnect in Mingus" };
  if (notification.kind === "connection_expiring") return { url: `${base}/accounts`, label: "Renew in Mingus" };
  return { url: `${base}/notifications`, label: "See your notifications in Mingus" };
}

function summaryOf(notification: NotificationForMessage): string {
  const data = notification.data;
  const summary = data && typeof data === "object" && !Array.isArray(data) ? data.summary : undefined;
  return typeof summary === "string" && summary.trim() ? summary : notification.title;
}

const INSTANT_FORMAT = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  month: "short",
  day: "numeric",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
});
const DAY_FORMAT = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  month: "short",
  day: "numeric",
  year: "numeric",
});

/** Intl puts thin and narrow no-break spaces around ranges and before AM; plain spaces read the same everywhere. */
function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u2009\u202f]/g, " ");
}

function formatInstant(date: Date): string {
  return plainSpaces(INSTANT_FORMAT.format(date));
}

function footer(appUrl: string): string {
  return `You get these emails because email alerts are on. Change which alerts you get and how: ${baseUrl(appUrl)}/settings`;
}

function htmlDocument({ title, content }: { title: string; content: string }): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:24px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:16px;line-height:1.5;color:#1e293b;background:#ffffff">',
    `<main style="max-width:600px">${content}</main>`,
    "</body>",
    "</html>",
  ].join("\n");
}

function htmlFooter(appUrl: string): string {
  return (
    '<p style="margin-top:32px;font-size:13px;color:#475569">You get these emails because email alerts are on. ' +
    `<a href="${escapeHtml(`${baseUrl(appUrl)}/settings`)}" style="color:#1d4ed8">Change which alerts you get and how</a>.</p>`
  );
}

/** One alert, rendered for one channel. */
export function renderSingle({
  notification,
  channel,
  appUrl,
}: {
  notification: NotificationForMessage;
  channel: DeliveryChannel;
  appUrl: string;
}): OutboundMessage {
  const link = linkFor(notification, appUrl);
  // Without an id, the kind and time keep two alerts from replacing each other on the device.
  const tag = `mingus-${notification.id ?? `${notification.kind}-${notification.createdAt.getTime()}`}`;
  if (channel === "sms") {
    const line = cut(oneLine(summaryOf(notification)).replace(/[.\s]+$/, ""), SMS_SUMMARY_MAX);
    return { subject: notification.title, text: `Mingus: ${line}. ${link.url}`, url: link.url };
  }
  if (channel === "push") {
    return { subject: notification.title, text: notification.body, url: link.url, tag };
  }
  const text = [
    notification.title,
    "",
    notification.body,
    ...(notification.reason ? ["", `Why you got this: ${notification.reason}`] : []),
    "",
    `${link.label}: ${link.url}`,
    "",
    footer(appUrl),
  ].join("\n");
  const html = htmlDocument({
    title: notification.title,
    content: [
      `<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(notification.title)}</h1>`,
      `<p>${escapeHtml(notification.body)}</p>`,
      notification.reason ? `<p><strong>Why you got this:</strong> ${escapeHtml(notification.reason)}</p>` : "",
      `<p><a href="${escapeHtml(link.url)}" style="color:#1d4ed8">${escapeHtml(link.label)}</a></p>`,
      htmlFooter(appUrl),
    ].join("\n"),
  });
  return { subject: notification.title, text, html, url: link.url, tag };
}

/** "Nov 23, 2026, 8:00 – 9:00 AM UTC", "Nov 23, 2026 (UTC)", "the week of Nov 16 – 22, 2026 (UTC)". */
export function describePeriod({
  frequency,
  periodStart,
  periodEnd,
}: {
  frequency: DigestFrequency;
  periodStart: Date;
  periodEnd: Date;
}): string {
  if (frequency === "hourly") return plainSpaces(INSTANT_FORMAT.formatRange(periodStart, periodEnd));
  const days = DAY_FORMAT;
  // The period ends at the next period's start; its last day is the one before.
  const lastDay = new Date(Math.max(periodStart.getTime(), periodEnd.getTime() - 1));
  if (frequency === "daily" && days.format(periodStart) === days.format(lastDay)) {
    return `${days.format(periodStart)} (UTC)`;
  }
  return `${frequency === "weekly" ? "the week of " : ""}${plainSpaces(days.formatRange(periodStart, lastDay))} (UTC)`;
}

/** "2 low-balance alerts, 1 transaction", in the registry's order. */
function countsByKind(notifications: NotificationForMessage[]): string {
  return ALERT_RULES.map((rule) => [rule, notifications.filter((n) => n.kind === rule.kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([rule, n]) => count(n, rule.nouns))
    .join(", ");
}

/** A period's alerts in one message: newest first, the email capped at DIGEST_EMAIL_LIMIT. */
export function renderDigest({
  notifications,
  frequency,
  periodStart,
  periodEnd,
  channel,
  appUrl,
}: {
  notifications: NotificationForMessage[];
  frequency: DigestFrequency;
  periodStart: Date;
  periodEnd: Date;
  channel: DeliveryChannel;
  appUrl: string;
}): OutboundMessage {
  const newest = [...notifications].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const total = count(newest.length, ["alert", "alerts"]);
  const period = describePeriod({ frequency, periodStart, periodEnd });
  const counts = countsByKind(newest);
  const listUrl = `${baseUrl(appUrl)}/notifications`;
  const tag = `mingus-digest-${frequency}`;

  if (channel === "sms") {
    return {
      subject: `Mingus ${frequency} digest`,
      text: `Mingus ${frequency} digest: ${total}${counts ? ` (${counts})` : ""}. ${listUrl}`,
      url: listUrl,
    };
  }
  if (channel === "push") {
    return { subject: `Mingus ${frequency} digest: ${total}`, text: counts || "No new alerts.", url: listUrl, tag };
  }

  const subject = `Your ${frequency} Mingus digest: ${total}`;
  const shown = newest.slice(0, DIGEST_EMAIL_LIMIT);
  const more = newest.length - shown.length;
  const intro = `${total} for ${period}${counts ? `: ${counts}` : ""}. Newest first.`;
  const text = [
    `Your ${frequency} Mingus digest`,
    intro,
    ...shown.flatMap((n) => [
      "",
      `${formatInstant(n.createdAt)}: ${n.title}`,
      n.body,
      ...(n.reason ? [`Why: ${n.reason}`] : []),
      `${linkFor(n, appUrl).label}: ${linkFor(n, appUrl).url}`,
    ]),
    ...(more > 0 ? ["", `And ${more} more: ${listUrl}`] : []),
    "",
    `All your alerts: ${listUrl}`,
    "",
    footer(appUrl),
  ].join("\n");

  const items = shown.map((n) => {
    const link = linkFor(n, appUrl);
    return [
      '<li style="margin:0 0 20px">',
      `<h2 style="font-size:17px;margin:0">${escapeHtml(n.title)}</h2>`,
      `<p style="margin:2px 0;font-size:13px;color:#475569"><time datetime="${n.createdAt.toISOString()}">${escapeHtml(formatInstant(n.createdAt))}</time></p>`,
      `<p style="margin:4px 0">${escapeHtml(n.body)}</p>`,
      n.reason ? `<p style="margin:4px 0"><strong>Why:</strong> ${escapeHtml(n.reason)}</p>` : "",
      `<p style="margin:4px 0"><a href="${escapeHtml(link.url)}" style="color:#1d4ed8">${escapeHtml(link.label)}</a></p>`,
      "</li>",
    ].join("");
  });
  const html = htmlDocument({
    title: subject,
    content: [
      `<h1 style="font-size:22px;margin:0 0 8px">Your ${escapeHtml(frequency)} Mingus digest</h1>`,
      `<p>${escapeHtml(intro)}</p>`,
      items.length > 0 ? `<ol style="padding-left:20px">${items.join("\n")}</ol>` : "",
      more > 0 ? `<p><a href="${escapeHtml(listUrl)}" style="color:#1d4ed8">And ${more} more in Mingus</a></p>` : "",
      `<p><a href="${escapeHtml(listUrl)}" style="color:#1d4ed8">See all your alerts in Mingus</a></p>`,
      htmlFooter(appUrl),
    ].join("\n"),
  });
  return { subject, text, html, url: listUrl, tag };
}
