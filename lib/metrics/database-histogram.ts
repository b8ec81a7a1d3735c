// A prom-client histogram whose buckets are counted elsewhere (in SQL, lib/metrics/figures.ts): each
// scrape reads the cumulative counts, sum and count per label set instead of observing values here.
import "server-only";
import {
  type Aggregator,
  Histogram,
  type MetricObjectWithValues,
  type MetricValueWithName,
  type Registry,
} from "prom-client";
import type { HistogramFigures } from "./figures";

export type HistogramSeries = { labels: Record<string, string>; figures: HistogramFigures };

type Values = MetricObjectWithValues<MetricValueWithName<string>>;

export class DatabaseHistogram extends Histogram<string> {
  private readonly metricName: string;
  private readonly metricHelp: string;
  private readonly bounds: number[];
  private readonly read: () => Promise<HistogramSeries[]>;

  constructor({
    name,
    help,
    labelNames,
    buckets,
    registers,
    read,
  }: {
    name: string;
    help: string;
    labelNames: string[];
    buckets: number[];
    registers: Registry[];
    read: () => Promise<HistogramSeries[]>;
  }) {
    super({ name, help, labelNames, buckets, registers });
    this.metricName = name;
    this.metricHelp = help;
    this.bounds = [...buckets];
    this.read = read;
  }

  // prom-client asks for getForPromString when it renders text, get for JSON; both answer the same.
  override async get(): Promise<Values> {
    return this.getForPromString();
  }

  async getForPromString(): Promise<Values> {
    const name = this.metricName;
    const values: MetricValueWithName<string>[] = [];
    for (const { labels, figures } of await this.read()) {
      if (figures.buckets.length !== this.bounds.length) {
        throw new Error(`${name}: ${figures.buckets.length} bucket counts for ${this.bounds.length} buckets`);
      }
      this.bounds.forEach((bound, index) => {
        values.push({
          metricName: `${name}_bucket`,
          labels: { ...labels, le: bound },
          value: figures.buckets[index] ?? 0,
        });
      });
      values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: "+Inf" }, value: figures.count });
      values.push({ metricName: `${name}_sum`, labels, value: figures.sum });
      values.push({ metricName: `${name}_count`, labels, value: figures.count });
    }
    // prom-client's own objects carry the type as its text name ("histogram"), whatever its typings say.
    const type = "histogram" as unknown as Values["type"];
    const aggregator: Aggregator = "sum";
    return { name, help: this.metricHelp, type, values, aggregator } as Values;
  }
}
