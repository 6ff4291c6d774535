// The logger behind the Logger port: levels, scopes, context, and redaction before every sink.
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../app/core/log-redactor';
import { createLineSink, createLogger, createMemoryLog, formatLogLine } from '../../app/core/logger';

const SECRET = 'a6e1f0c2d3b4-master-token';

describe('the logger', () => {
  it('drops records below its level and keeps the rest, in order, with time, level and scope', () => {
    const mem = createMemoryLog();
    const log = createLogger({ sinks: [mem.sink], level: 'warn', now: () => Date.UTC(2026, 10, 30, 9, 41) });
    log.debug('d');
    log.info('i');
    log.warn('w', { doing: 'saving settings' });
    log.child('tray').error('e');
    expect(mem.records).toEqual([
      { time: '2026-11-30T09:41:00.000Z', level: 'warn', message: 'w', context: { doing: 'saving settings' } },
      { time: '2026-11-30T09:41:00.000Z', level: 'error', scope: 'tray', message: 'e' },
    ]);
  });

  it('masks a secret registered through any child, in every record of every logger sharing it, before any sink', () => {
    const mem = createMemoryLog();
    const lines: string[] = [];
    const log = createLogger({ sinks: [mem.sink, createLineSink((l) => lines.push(l))] });
    const sync = log.child('sync');
    sync.child('cache').addSecret(SECRET);
    log.error(`failed with ${SECRET}`, { error: new Error(`cause ${SECRET}`), body: { token: 'unregistered' } });
    sync.warn('again', { text: `x${SECRET}x` });
    const all = `${mem.text()}\n${lines.join('\n')}`;
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('unregistered');
    expect(mem.records[0]?.message).toBe(`failed with ${REDACTED}`);
    expect(mem.records[1]?.scope).toBe('sync');
  });

  it('keeps writing to the other sinks when one throws, and never throws to the caller', () => {
    const mem = createMemoryLog();
    const log = createLogger({
      sinks: [
        () => {
          throw new Error('disk full');
        },
        mem.sink,
      ],
    });
    expect(() => log.error('still logged')).not.toThrow();
    expect(mem.records.map((r) => r.message)).toEqual(['still logged']);
  });

  it('formats one line per record: ISO time, level, scope, message on one line, context as JSON', () => {
    expect(
      formatLogLine({
        time: '2026-11-30T09:41:00.000Z',
        level: 'info',
        scope: 'tray',
        message: 'two\nlines',
        context: { n: 1 },
      }),
    ).toBe('2026-11-30T09:41:00.000Z INFO  tray: two ⏎ lines {"n":1}');
  });
});
