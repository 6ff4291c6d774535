// The date rule (app/core/dates.ts) reads zones with Temporal where the runtime has it (Chromium: no ICU locale
// data to load, so no 20 ms on the way to the first rows) and with Intl elsewhere (Node: main and the CLI). Both
// paths must give the same calendar dates and the same day starts for every zone, around DST changes and the date
// line too: checked here in real Chromium, on the module's own code, and against the shared table of cases.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { DATE_CASES } from '../helpers/date-cases';

const ZONES = [
  'UTC',
  'Asia/Kolkata',
  'Europe/London',
  'America/Chicago',
  'America/St_Johns',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Asia/Kathmandu',
  'America/Sao_Paulo',
  'Mars/Olympus_Mons',
  '',
];

/** The core's date module, as `globalThis.dates` in a blank page. */
test.beforeEach(async ({ page }) => {
  const bundle = await build({
    entryPoints: [resolve(process.cwd(), 'app/core/dates.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'dates',
    target: 'chrome120',
  });
  await page.goto('about:blank');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
});

test('Temporal and Intl agree on calendar dates and day starts in every zone over two years', async ({ page }) => {
  const hasTemporal = await page.evaluate(() => (globalThis as any).dates.findTemporal() !== undefined);
  test.skip(
    !hasTemporal,
    'this Chromium has no Temporal, so the module uses Intl alone and there is nothing to compare',
  );

  const result = await page.evaluate((zones) => {
    const d = (globalThis as any).dates;
    const temporal = d.findTemporal();
    const start = Date.UTC(2026, 0, 1);
    const end = Date.UTC(2028, 0, 1);
    const read = (useTemporal: boolean) => {
      d.useTemporalForTests(useTemporal ? temporal : undefined);
      const out: string[] = [];
      for (const zone of zones) {
        const tz = zone === '' ? undefined : zone;
        // Every 5 h 17 min: over two years this walks through every hour of the day and both DST changes.
        for (let ms = start; ms < end; ms += (5 * 60 + 17) * 60_000) {
          const day = d.calendarDayAt(ms, tz ?? 'UTC');
          out.push(`${zone} ${ms}: ${day.year}-${day.month}-${day.day}`);
        }
        for (let ms = start; ms < end; ms += 86_400_000) {
          const day = d.calendarDayAt(ms, 'UTC');
          out.push(
            `${zone} start ${day.year}-${day.month}-${day.day}: ${d.instantOfWallTime({ ...day, hour: 0, minute: 0, second: 0 }, tz)}`,
          );
        }
      }
      return out;
    };
    const viaTemporal = read(true);
    const viaIntl = read(false);
    d.useTemporalForTests(temporal);
    const mismatches = viaTemporal.filter((line, i) => line !== viaIntl[i]).slice(0, 5);
    return { checked: viaTemporal.length, mismatches };
  }, ZONES);
  expect(result.mismatches).toEqual([]);
  expect(result.checked).toBeGreaterThan(30_000);
});

test('the table of cases holds in Chromium, on both paths', async ({ page }) => {
  const failures = await page.evaluate((cases) => {
    const d = (globalThis as any).dates;
    const temporal = d.findTemporal();
    const out: string[] = [];
    for (const useTemporal of [true, false]) {
      d.useTemporalForTests(useTemporal ? temporal : undefined);
      for (const c of cases) {
        const project = { nextBillingDate: { given: c.given }, dateFormat: c.dateFormat, timeZone: c.projectZone };
        const v = d.readableBilling(project, Date.parse(c.now), { timeZone: c.userZone, locale: 'en-GB' });
        const got = v && `${new Date(v.ms).toISOString()} ${v.daysLeft} ${v.text} ${v.relative}`;
        const want = `${c.instant ?? (v && new Date(v.ms).toISOString())} ${c.daysLeft} ${c.textEnGb} ${c.relative}`;
        if (got !== want) out.push(`${c.id} (${useTemporal ? 'Temporal' : 'Intl'}): ${got} ≠ ${want}`);
      }
    }
    d.useTemporalForTests(temporal);
    return out;
  }, DATE_CASES);
  expect(failures).toEqual([]);
});

test('an unknown zone reads as UTC on both paths, not as an error', async ({ page }) => {
  const dates = await page.evaluate(() => {
    const d = (globalThis as any).dates;
    const ms = Date.UTC(2026, 10, 27, 23, 30);
    const temporal = d.findTemporal();
    const viaTemporal = d.calendarDayAt(ms, 'Nowhere/Special');
    d.useTemporalForTests(undefined);
    const viaIntl = d.calendarDayAt(ms, 'Nowhere/Special');
    const inKolkata = d.calendarDayAt(ms, 'Asia/Kolkata');
    d.useTemporalForTests(temporal);
    return { viaTemporal, viaIntl, inKolkata };
  });
  expect(dates.viaIntl).toEqual({ year: 2026, month: 11, day: 27 });
  expect(dates.viaTemporal).toEqual({ year: 2026, month: 11, day: 27 });
  expect(dates.inKolkata).toEqual({ year: 2026, month: 11, day: 28 });
});
