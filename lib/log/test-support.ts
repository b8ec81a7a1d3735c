// For tests: the log lines written while `work` runs, parsed, at every level.
import { log, setLogDestination } from "./index";

export type LogRecord = Record<string, unknown> & { level: string; msg?: string };

export async function captureLogs<T>(
  work: () => Promise<T> | T,
): Promise<{ result: T; lines: string[]; records: LogRecord[] }> {
  const lines: string[] = [];
  const level = log.level;
  setLogDestination({ write: (line: string) => void lines.push(line) });
  log.level = "trace";
  try {
    const result = await work();
    return { result, lines, records: lines.map((line) => JSON.parse(line) as LogRecord) };
  } finally {
    log.level = level;
    setLogDestination(null);
  }
}
