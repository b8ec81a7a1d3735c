// The admin page's search params: lenient parsing, and links that carry only what differs from the default.
import { describe, expect, test } from "vitest";
import { adminHref, DEFAULT_QUERY, parseAdminQuery, sortHref } from "./params";

describe("parseAdminQuery", () => {
  test("an empty address is the default view", () => {
    expect(parseAdminQuery({})).toEqual(DEFAULT_QUERY);
  });

  test("reads every param, trimming text and taking the first of repeated ones", () => {
    expect(
      parseAdminQuery({
        sort: "failed",
        institution: [" Tattersall ", "x"],
        status: "paused",
        user: "editor@",
        range: "90",
        page: "3",
        healthPage: "2",
      }),
    ).toEqual({
      sort: "failed",
      dir: "desc",
      institution: "Tattersall",
      status: "paused",
      user: "editor@",
      range: 90,
      page: 3,
      healthPage: 2,
    });
  });

  test("anything unknown or out of range falls back instead of failing", () => {
    expect(
      parseAdminQuery({
        sort: "password_hash",
        dir: "sideways",
        status: "x",
        range: "45",
        page: "-2",
        healthPage: "x",
      }),
    ).toEqual(DEFAULT_QUERY);
    expect(parseAdminQuery({ institution: "x".repeat(500) }).institution).toBe("");
  });
});

describe("links", () => {
  test("carry only what differs from the default, and start filters again at page 1", () => {
    expect(adminHref(DEFAULT_QUERY)).toBe("/admin");
    const query = { ...DEFAULT_QUERY, page: 4, healthPage: 2, range: 90 as const };
    expect(adminHref(query, { institution: "Tatt ersall" })).toBe("/admin?institution=Tatt+ersall&range=90");
    expect(adminHref(query, { page: 5 })).toBe("/admin?range=90&page=5&healthPage=2");
  });

  test("a header sorts its column in its natural direction, then flips it", () => {
    expect(sortHref(DEFAULT_QUERY, "failed")).toBe("/admin?sort=failed");
    expect(sortHref({ ...DEFAULT_QUERY, sort: "failed", dir: "desc" }, "failed")).toBe("/admin?sort=failed&dir=asc");
    expect(sortHref(DEFAULT_QUERY, "institution")).toBe("/admin?dir=desc");
  });
});
