// Measures the cost of parse + validate + normalize against plain JSON.parse, on the body the emulator would
// send for a 10,000-project account. Target: ratio <= 2.0. Run: npx tsx test/bench/parse-bench.ts
import { parseProjectsResponse } from '../../app/core/api-wire';
import { generateProjects, toWire } from '../emulator/fixtures';

export interface ParseBenchResult {
  /** (JSON.parse + parseProjectsResponse) time divided by JSON.parse time, medians of the rounds. */
  ratio: number;
  jsonParseMs: number;
  parseMs: number;
  projects: number;
}

export interface ParseBenchOptions {
  projects?: number;
  rounds?: number;
  warmup?: number;
}

/** The body the emulator sends for `project_id: 0` with the default 'data' list shape. */
export function buildBenchBody(projects: number): string {
  const now = new Date(Date.UTC(2026, 0, 15, 12));
  const list = generateProjects(projects, { now }).map((p) => toWire(p, true));
  return JSON.stringify({ status: 100, message: 'Success', data: list });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export async function benchParse(options: ParseBenchOptions = {}): Promise<ParseBenchResult> {
  const projects = options.projects ?? 10_000;
  const rounds = options.rounds ?? 15;
  const warmup = options.warmup ?? 5;
  const body = buildBenchBody(projects);
  let parsedCount = 0;
  const plain = () => JSON.parse(body) as unknown;
  const full = () => {
    parsedCount = parseProjectsResponse(JSON.parse(body) as unknown).length;
  };
  for (let i = 0; i < warmup; i++) {
    plain();
    full();
  }
  // Each side runs as its own block, so each pays for its own garbage collection (interleaving would let the
  // plain JSON.parse rounds absorb the collections caused by the full parse and flatter the ratio).
  const plainTimes: number[] = [];
  const fullTimes: number[] = [];
  for (let i = 0; i < rounds; i++) plainTimes.push(time(plain));
  for (let i = 0; i < rounds; i++) fullTimes.push(time(full));
  if (parsedCount !== projects) throw new Error(`Expected ${projects} projects, parsed ${parsedCount}.`);
  const jsonParseMs = median(plainTimes);
  const parseMs = median(fullTimes);
  return { ratio: parseMs / jsonParseMs, jsonParseMs, parseMs, projects };
}

// Run directly (tsx compiles this file as CommonJS here, so no top-level await and no import.meta).
if (/parse-bench\.ts$/.test(process.argv[1] ?? '')) {
  benchParse().then(
    (r) =>
      console.log(
        `Parsed ${r.projects} projects: JSON.parse ${r.jsonParseMs.toFixed(1)} ms, ` +
          `JSON.parse + parseProjectsResponse ${r.parseMs.toFixed(1)} ms, ratio ${r.ratio.toFixed(2)} (target <= 2.0).`,
      ),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
