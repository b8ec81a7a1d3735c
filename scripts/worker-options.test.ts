import { expect, test } from "vitest";
import { parseWorkerArgs } from "./worker-options";

const defaults = { concurrency: 2, leaseMs: 60_000 };

test("defaults without flags", () => {
  expect(parseWorkerArgs([], defaults)).toEqual({ options: defaults });
});

test("--concurrency and --lease-seconds, spaced or with =", () => {
  expect(parseWorkerArgs(["--concurrency", "4", "--lease-seconds=5"], defaults)).toEqual({
    options: { concurrency: 4, leaseMs: 5000 },
  });
});

test("out of range, not whole, missing or unknown values are refused with the flag's name", () => {
  expect(parseWorkerArgs(["--concurrency", "0"], defaults)).toEqual({
    error: "--concurrency must be a whole number from 1 to 32",
  });
  expect(parseWorkerArgs(["--concurrency=1.5"], defaults)).toMatchObject({ error: expect.stringContaining("1 to 32") });
  expect(parseWorkerArgs(["--lease-seconds"], defaults)).toMatchObject({ error: expect.stringContaining("lease") });
  expect(parseWorkerArgs(["--fast"], defaults)).toEqual({ error: "Unknown option --fast" });
});

test("--help", () => {
  expect(parseWorkerArgs(["--concurrency", "3", "--help"], defaults)).toEqual({ help: true });
});
