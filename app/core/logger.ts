// The logger behind the Logger port: levels, a scope per part of the app, structured context, and redaction
// (log-redactor.ts) applied to every record before any sink sees it. Sinks only format and write.
import { type Redactor, createRedactor } from './log-redactor';
import type { LogContext, LogLevel, Logger } from './ports';

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** One log line, already redacted: every string in it is safe to write anywhere. */
export interface LogRecord {
  /** ISO time. */
  time: string;
  level: LogLevel;
  /** The part of the app that logged it ('tray', 'notifier', 'sync'...). */
  scope?: string;
  message: string;
  /** What was being done, plain JSON values (errors as {name, message, code, stack, cause}). */
  context?: Record<string, unknown>;
}

export type LogSink = (record: LogRecord) => void;

export interface LoggerOptions {
  sinks: readonly LogSink[];
  /** Records below this level are dropped. Default 'info'. */
  level?: LogLevel;
  now?: () => number;
}

function atLeast(level: LogLevel, min: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(min);
}

export function createLogger(options: LoggerOptions): Logger {
  const redactor = createRedactor();
  const min = options.level ?? 'info';
  const now = options.now ?? Date.now;
  return makeLogger(redactor, undefined);

  function makeLogger(r: Redactor, scope: string | undefined): Logger {
    const write = (level: LogLevel, message: string, context?: LogContext): void => {
      if (!atLeast(level, min)) return;
      const record: LogRecord = { time: new Date(now()).toISOString(), level, message: r.redactText(message) };
      if (scope) record.scope = scope;
      if (context && Object.keys(context).length > 0)
        record.context = r.redactValue(context) as Record<string, unknown>;
      for (const sink of options.sinks) {
        try {
          sink(record);
        } catch {
          // A sink that cannot write (a full disk, a closed stderr) must never break what was being logged about,
          // and there is nowhere left to report it.
        }
      }
    };
    return {
      debug: (message, context) => write('debug', message, context),
      info: (message, context) => write('info', message, context),
      warn: (message, context) => write('warn', message, context),
      error: (message, context) => write('error', message, context),
      child: (childScope) => makeLogger(r, scope ? `${scope}.${childScope}` : childScope),
      addSecret: (secret) => r.addSecret(secret),
    };
  }
}

/** One line: `2026-11-30T09:41:00.000Z WARN  tray: Could not … {"error":{…}}`. */
export function formatLogLine(record: LogRecord): string {
  const level = record.level.toUpperCase().padEnd(5);
  const scope = record.scope ? `${record.scope}: ` : '';
  const context = record.context ? ` ${JSON.stringify(record.context)}` : '';
  return `${record.time} ${level} ${scope}${record.message.replace(/\r?\n/g, ' ⏎ ')}${context}`;
}

/** A sink that writes formatted lines (the CLI's and the preview's stderr). */
export function createLineSink(writeLine: (line: string) => void): LogSink {
  return (record) => writeLine(formatLogLine(record));
}

/** Keeps records in memory, for tests (and for anything that wants to show recent lines). */
export interface MemoryLog {
  sink: LogSink;
  records: LogRecord[];
  /** Every record as its formatted line, joined: what a log file would hold. */
  text(): string;
}

export function createMemoryLog(): MemoryLog {
  const records: LogRecord[] = [];
  return { sink: (r) => records.push(r), records, text: () => records.map(formatLogLine).join('\n') };
}

/** A logger that drops everything: for callers that were given none. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
  addSecret: () => undefined,
};
