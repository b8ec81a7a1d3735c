import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  findSandboxInstitution,
  institutionCurrency,
  SANDBOX_INSTITUTIONS,
  searchSandboxInstitutions,
} from "./institutions.ts";
import { LOGO_SIZE } from "./logos.ts";
import { crc32 } from "./png.ts";
import { expectPlaidShape, isValidRoutingNumber } from "./test-support.ts";

type Chunk = { type: string; data: Buffer };

function readPng(base64: string): { signature: Buffer; chunks: Chunk[] } {
  const bytes = Buffer.from(base64, "base64");
  const chunks: Chunk[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
    expect(bytes.readUInt32BE(offset + 8 + length), "chunk CRC").toBe(crc32(typeAndData));
    chunks.push({ type: typeAndData.subarray(0, 4).toString("ascii"), data: typeAndData.subarray(4) });
    offset += 12 + length;
  }
  return { signature: bytes.subarray(0, 8), chunks };
}

describe("SANDBOX_INSTITUTIONS", () => {
  it("are Plaid's five sandbox institutions, then the OAuth ones", () => {
    expect(SANDBOX_INSTITUTIONS.map(({ institution_id, name }) => [institution_id, name])).toEqual([
      ["ins_109508", "First Platypus Bank"],
      ["ins_109509", "First Gingham Credit Union"],
      ["ins_109510", "Tattersall Federal Credit Union"],
      ["ins_109511", "Tartan Bank"],
      ["ins_109512", "Houndstooth Bank"],
      ["ins_127287", "Platypus OAuth Bank"],
      ["ins_117650", "Royal Bank of Plaid"],
      ["ins_130960", "Banco Ornitorrinco"],
    ]);
  });

  it("sign in through OAuth at Platypus OAuth Bank and every European bank, in its country and currency", () => {
    const oauth = SANDBOX_INSTITUTIONS.filter((institution) => institution.oauth);
    expect(oauth.map(({ institution_id, country_codes }) => [institution_id, country_codes])).toEqual([
      ["ins_127287", ["US"]],
      ["ins_117650", ["GB"]],
      ["ins_130960", ["ES"]],
    ]);
    expect(["ins_109508", "ins_127287", "ins_117650", "ins_130960"].map(institutionCurrency)).toEqual([
      "USD",
      "USD",
      "GBP",
      "EUR",
    ]);
  });

  it("have Plaid's Institution shape with the optional metadata filled in", () => {
    for (const institution of SANDBOX_INSTITUTIONS) {
      expectPlaidShape(institution, "Institution");
      expect(institution.country_codes).toHaveLength(1);
      expect(institution.products).toContain("transactions");
      expect(institution.url).toMatch(/^https:\/\//);
      expect(institution.primary_color).toMatch(/^#[0-9a-f]{6}$/);
      // ABA routing numbers are American.
      if (institution.country_codes[0] === "US") expect(institution.routing_numbers.length).toBeGreaterThan(0);
      else expect(institution.routing_numbers).toEqual([]);
      for (const routing of institution.routing_numbers) expect(isValidRoutingNumber(routing)).toBe(true);
    }
  });

  it("carry a distinct logo each, a base64 RGBA PNG that decodes to its stated size", () => {
    const logos = SANDBOX_INSTITUTIONS.map((institution) => institution.logo ?? "");
    expect(new Set(logos).size).toBe(SANDBOX_INSTITUTIONS.length);
    for (const logo of logos) {
      expect(logo.startsWith("data:")).toBe(false);
      const { signature, chunks } = readPng(logo);
      expect([...signature]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(chunks.map((chunk) => chunk.type)).toEqual(["IHDR", "IDAT", "IEND"]);
      const header = chunks[0]?.data as Buffer;
      expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([
        LOGO_SIZE,
        LOGO_SIZE,
        8,
        6,
      ]);
      const pixels = inflateSync(chunks[1]?.data as Buffer);
      expect(pixels.length).toBe(LOGO_SIZE * (LOGO_SIZE * 4 + 1));
    }
  });
});

describe("findSandboxInstitution", () => {
  it("finds by id and returns a copy the caller may change", () => {
    const found = findSandboxInstitution("ins_109511");
    expect(found?.name).toBe("Tartan Bank");
    if (found) found.name = "changed";
    expect(findSandboxInstitution("ins_109511")?.name).toBe("Tartan Bank");
  });

  it("returns null for an unknown id", () => {
    expect(findSandboxInstitution("ins_1")).toBeNull();
  });
});

describe("searchSandboxInstitutions", () => {
  it.each([
    ["gingham", ["First Gingham Credit Union"]],
    ["BANK", ["First Platypus Bank", "Tartan Bank", "Houndstooth Bank", "Platypus OAuth Bank"]],
    ["  credit union ", ["First Gingham Credit Union", "Tattersall Federal Credit Union"]],
    ["chase", []],
  ])("matches %j by name, ignoring case, in the US", (query, names) => {
    expect(searchSandboxInstitutions(query, ["US"]).map((institution) => institution.name)).toEqual(names);
  });

  it("keeps to the countries asked for", () => {
    const names = (codes: string[]) => searchSandboxInstitutions("", codes).map((institution) => institution.name);
    expect(names(["GB"])).toEqual(["Royal Bank of Plaid"]);
    expect(names(["ES", "GB"])).toEqual(["Royal Bank of Plaid", "Banco Ornitorrinco"]);
    expect(names(["FR"])).toEqual([]);
    expect(names(["US", "GB", "ES"])).toEqual(SANDBOX_INSTITUTIONS.map((institution) => institution.name));
  });
});
