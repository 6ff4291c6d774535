// Measures the cost of parse + validate + normalize against plain JSON.parse, on the body the emulator sends
// for a 10,000-project account. Target: ratio <= 2.0. Run directly: npx tsx test/bench/parse-bench.ts
//
// The ratio is taken on process CPU time (process.cpuUsage, microsecond resolution) rather than wall time:
// this machine is shared by parallel builds and tests, and wall time then measures the neighbours. CPU time
// still counts garbage collection, including V8's helper threads. Wall-clock medians are reported alongside.
import { parseProjectsResponse } from '../../app/core/api-wire';
import { generateProjects, toWire } from '../emulator/fixtures';

export interface ParseBenchResult {
  /** Median (JSON.parse + parseProjectsResponse) time divided by median JSON.parse time, in CPU time. */
  ratio: number;
  /** Median CPU milliseconds of JSON.parse alone. */
  jsonParseMs: number;
  /** Median CPU milliseconds of JSON.parse + parseProjectsResponse. */
  parseMs: number;
  projects: number;
  /** The same medians in wall-clock time, for information (noisy on a busy machine). */
  wall: { ratio: number; jsonParseMs: number; parseMs: number };
  bodyBytes: number;
}

export interface ParseBenchOptions {
  projects?: number;
  rounds?: number;
  warmup?: number;
}

/** The body the emulator sends for `project_id: 0` with its default list shape ('data') and string ids. */
export function buildBenchBody(projects: number): string {
  const now = new Date(Date.UTC(2026, 0, 15, 12));
  const list = generateProjects(projects, { now, qrOrigin: 'http://127.0.0.1:4010' }).map((p) => toWire(p, true));
  return JSON.stringify({ status: 100, message: 'Success', data: list });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Sample {
  cpuMs: number;
  wallMs: number;
}

function measure(fn: () => unknown): Sample {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs };
}

export async function benchParse(options: ParseBenchOptions = {}): Promise<ParseBenchResult> {
  const projects = options.projects ?? 10_000;
  const rounds = options.rounds ?? 21;
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
  // plain JSON.parse rounds absorb collections caused by the full parse and flatter the ratio).
  const plainSamples: Sample[] = [];
  const fullSamples: Sample[] = [];
  for (let i = 0; i < rounds; i++) plainSamples.push(measure(plain));
  for (let i = 0; i < rounds; i++) fullSamples.push(measure(full));
  if (parsedCount !== projects) throw new Error(`Expected ${projects} projects, parsed ${parsedCount}.`);

  const jsonParseMs = median(plainSamples.map((s) => s.cpuMs));
  const parseMs = median(fullSamples.map((s) => s.cpuMs));
  const wallJson = median(plainSamples.map((s) => s.wallMs));
  const wallFull = median(fullSamples.map((s) => s.wallMs));
  return {
    ratio: parseMs / jsonParseMs,
    jsonParseMs,
    parseMs,
    projects,
    wall: { ratio: wallFull / wallJson, jsonParseMs: wallJson, parseMs: wallFull },
    bodyBytes: Buffer.byteLength(body),
  };
}

// Run directly (tsx compiles this file as CommonJS here, so no top-level await and no import.meta).
if (/parse-bench\.ts$/.test(process.argv[1] ?? '')) {
  benchParse().then(
    (r) =>
      console.log(
        `Parsed ${r.projects} projects (${(r.bodyBytes / 1024 / 1024).toFixed(1)} MiB body), median CPU time: ` +
          `JSON.parse ${r.jsonParseMs.toFixed(1)} ms, JSON.parse + parseProjectsResponse ${r.parseMs.toFixed(1)} ms, ` +
          `ratio ${r.ratio.toFixed(2)} (target <= 2.0). Wall clock: ${r.wall.jsonParseMs.toFixed(1)} ms vs ` +
          `${r.wall.parseMs.toFixed(1)} ms, ratio ${r.wall.ratio.toFixed(2)}.`,
      ),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
