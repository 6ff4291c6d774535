// The list's billing hints ("in 5 days") need today's date in each project's time zone. In Chromium the renderer
// reads it with Temporal (no ICU locale data to load, so no 20 ms on the way to the first rows); where Temporal
// is missing (older Electron) it falls back to Intl. Both paths must give the same calendar date for every zone
// and instant, around DST changes and the date line too: checked here in real Chromium, on the renderer's own code.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';

const ZONES = [
  'UTC',
  'Asia/Kolkata',
  'Europe/London',
  'America/Chicago',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Asia/Kathmandu',
  'America/Sao_Paulo',
  'Mars/Olympus_Mons',
  '',
];

/** The renderer's billing-date module, as `globalThis.billing` in a blank page. */
test.beforeEach(async ({ page }) => {
  const bundle = await build({
    entryPoints: [resolve(process.cwd(), 'renderer/src/lib/billing-date.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'billing',
    target: 'chrome120',
  });
  await page.goto('about:blank');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
});

test('Temporal and Intl agree on the calendar date in every zone, every few hours over two years', async ({ page }) => {
  const hasTemporal = await page.evaluate(() => (globalThis as any).billing.findTemporal() !== undefined);
  test.skip(
    !hasTemporal,
    'this Chromium has no Temporal, so the renderer uses Intl alone and there is nothing to compare',
  );

  const result = await page.evaluate((zones) => {
    const b = (globalThis as any).billing;
    const temporal = b.findTemporal();
    const start = Date.UTC(2026, 0, 1);
    const end = Date.UTC(2028, 0, 1);
    const mismatches: string[] = [];
    let checked = 0;
    for (const zone of zones) {
      const tz = zone === '' ? undefined : zone;
      // Every 5 h 17 min: over two years this walks through every hour of the day and both DST changes.
      for (let ms = start; ms < end; ms += (5 * 60 + 17) * 60_000) {
        const a = b.calendarDateViaTemporal(temporal, ms, tz);
        const c = b.calendarDateViaIntl(ms, tz);
        checked++;
        if (a.year !== c.year || a.month !== c.month || a.day !== c.day) {
          mismatches.push(
            `${zone} ${new Date(ms).toISOString()}: Temporal ${JSON.stringify(a)} Intl ${JSON.stringify(c)}`,
          );
        }
      }
    }
    return { checked, mismatches: mismatches.slice(0, 5) };
  }, ZONES);
  expect(result.mismatches).toEqual([]);
  expect(result.checked).toBeGreaterThan(30_000);
});

test('an unknown zone reads as UTC on both paths, not as an error', async ({ page }) => {
  const dates = await page.evaluate(() => {
    const b = (globalThis as any).billing;
    const ms = Date.UTC(2026, 10, 27, 23, 30);
    const temporal = b.findTemporal();
    return {
      intl: b.calendarDateViaIntl(ms, 'Nowhere/Special'),
      temporal: temporal
        ? b.calendarDateViaTemporal(temporal, ms, 'Nowhere/Special')
        : { year: 2026, month: 11, day: 27 },
      inKolkata: b.calendarDateAt(ms, 'Asia/Kolkata'),
    };
  });
  expect(dates.intl).toEqual({ year: 2026, month: 11, day: 27 });
  expect(dates.temporal).toEqual({ year: 2026, month: 11, day: 27 });
  expect(dates.inKolkata).toEqual({ year: 2026, month: 11, day: 28 });
});
