// The admin page's address: sort, filters, chart range and pages as search params, parsed leniently
// (anything unknown falls back to the default) and written back with only what differs from it.
import { z } from "zod";

export const SORT_KEYS = [
  "institution",
  "account",
  "total",
  "successful",
  "failed",
  "successRate",
  "avgDuration",
  "recordsProcessed",
  "recordsFailed",
  "lastSync",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Health of a connection, as the Status filter offers it. "attention" is reauth or failing. */
export const STATUS_FILTERS = ["all", "attention", "reauth", "failing", "paused", "maintenance", "healthy"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const RANGES = [30, 90] as const;
export type Range = (typeof RANGES)[number];

export interface AdminQuery {
  sort: SortKey;
  dir: "asc" | "desc";
  institution: string;
  status: StatusFilter;
  user: string;
  range: Range;
  /** Page of the statistics table, from 1. */
  page: number;
  /** Page of the connection health table, from 1. */
  healthPage: number;
}

export const DEFAULT_QUERY: AdminQuery = {
  sort: "institution",
  dir: "asc",
  institution: "",
  status: "all",
  user: "",
  range: 30,
  page: 1,
  healthPage: 1,
};

/** Text columns read best A to Z; figures worst (largest) first. */
export function defaultDirection(sort: SortKey): "asc" | "desc" {
  return sort === "institution" || sort === "account" ? "asc" : "desc";
}

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const text = z.preprocess(first, z.string().trim().max(100).catch("")).catch("");
const page = z.preprocess(first, z.coerce.number().int().min(1).max(100_000).catch(1)).catch(1);

const schema = z.object({
  sort: z.preprocess(first, z.enum(SORT_KEYS)).optional().catch(undefined),
  dir: z
    .preprocess(first, z.enum(["asc", "desc"]))
    .optional()
    .catch(undefined),
  institution: text,
  status: z.preprocess(first, z.enum(STATUS_FILTERS)).catch("all"),
  user: text,
  range: z.preprocess(first, z.coerce.number().pipe(z.union([z.literal(30), z.literal(90)]))).catch(30),
  page,
  healthPage: page,
});

export function parseAdminQuery(params: Record<string, string | string[] | undefined>): AdminQuery {
  const parsed = schema.parse(params);
  const sort = parsed.sort ?? DEFAULT_QUERY.sort;
  return { ...parsed, sort, dir: parsed.dir ?? defaultDirection(sort) };
}

/** `/admin?…` for the query with `change` applied; a changed filter or sort starts again at page 1. */
export function adminHref(query: AdminQuery, change: Partial<AdminQuery> = {}): string {
  const resets =
    "sort" in change || "dir" in change || "institution" in change || "status" in change || "user" in change;
  const next: AdminQuery = { ...query, ...(resets ? { page: 1, healthPage: 1 } : {}), ...change };
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_QUERY) as (keyof AdminQuery)[]) {
    const value = next[key];
    const fallback = key === "dir" ? defaultDirection(next.sort) : DEFAULT_QUERY[key];
    if (value !== fallback && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/admin?${search}` : "/admin";
}

/** The link a column header points at: that column, or the other direction when it is already sorted. */
export function sortHref(query: AdminQuery, sort: SortKey): string {
  const dir = query.sort === sort ? (query.dir === "asc" ? "desc" : "asc") : defaultDirection(sort);
  return adminHref(query, { sort, dir });
}
