import { describe, expect, it } from 'vitest';
import { EXIT, statusExitCode } from '../../app/cli/exit-codes';
import { needsAttention } from '../../app/core/dates';
import {
  attentionLines,
  billingCell,
  formatProjectDetails,
  formatTable,
  maskSecret,
  offlineNotice,
  projectForOutput,
  summaryLine,
} from '../../app/cli/format';
import { formatDay } from '../../app/core/dates';
import type { Project } from '../../app/core/model';
import { minimalProject } from '../helpers/projects';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const project = minimalProject;

describe('summaryLine', () => {
  const list = [...Array.from({ length: 11 }, (_, i) => project(i + 1)), project(12, { status: 'expired' })];
  it('counts statuses and says when it was updated', () => {
    expect(summaryLine({ projects: list, fetchedAt: ago(5 * MIN), stale: false, now: NOW })).toBe(
      '12 projects: 11 active, 1 expired · updated 5 min ago',
    );
  });
  it('says offline for a stale copy', () => {
    expect(summaryLine({ projects: [project(1)], fetchedAt: ago(2 * 60 * MIN), stale: true, now: NOW })).toBe(
      '1 project: 1 active · offline copy from 2 h ago',
    );
  });
  it('handles an empty account and other statuses', () => {
    expect(summaryLine({ projects: [], fetchedAt: ago(0), stale: false, now: NOW })).toBe(
      'No projects · updated just now',
    );
    expect(
      summaryLine({
        projects: [project(1, { status: 'deleted' }), project(2, { status: 'unknown' })],
        fetchedAt: ago(0),
        stale: false,
        now: NOW,
      }),
    ).toBe('2 projects: 1 deleted, 1 other · updated just now');
  });
});

describe('statusExitCode', () => {
  const rule = (p: Project) => needsAttention(p, NOW);
  it('0 nothing needs attention, 1 expired or billing soon, 2 nothing, 3 stale (wins over 1)', () => {
    expect(statusExitCode({ projects: [project(1)], source: 'network' }, rule)).toBe(EXIT.ok);
    expect(statusExitCode({ projects: [], source: 'network' }, rule)).toBe(EXIT.ok);
    expect(statusExitCode({ projects: [project(1), project(2, { status: 'expired' })], source: 'network' }, rule)).toBe(
      EXIT.attention,
    );
    const billsTomorrow = project(3, { nextBillingDate: { given: 'x', instant: new Date(NOW + DAY).toISOString() } });
    expect(statusExitCode({ projects: [project(1), billsTomorrow], source: 'network' }, rule)).toBe(EXIT.attention);
    expect(statusExitCode({ projects: [], source: 'none' }, rule)).toBe(EXIT.error);
    expect(statusExitCode({ projects: [project(1)], source: 'cache' }, rule)).toBe(EXIT.stale);
    expect(statusExitCode({ projects: [project(2, { status: 'expired' })], source: 'cache' }, rule)).toBe(EXIT.stale);
    expect([EXIT.ok, EXIT.attention, EXIT.error, EXIT.stale]).toEqual([0, 1, 2, 3]);
  });

  it('reports a deleted project but does not fail for it, so a monitoring script does not stay red for ever', () => {
    const deleted = project(2, {
      status: 'deleted',
      nextBillingDate: { given: 'x', instant: new Date(NOW).toISOString() },
    });
    expect(statusExitCode({ projects: [project(1), deleted], source: 'network' }, rule)).toBe(EXIT.ok);
    expect(summaryLine({ projects: [project(1), deleted], fetchedAt: ago(0), stale: false, now: NOW })).toBe(
      '2 projects: 1 active, 1 deleted · updated just now',
    );
    expect(attentionLines([project(1), deleted], NOW)).toEqual([]);
  });

  it('names each project that needs attention, and why', () => {
    const billsTomorrow = project(3, {
      name: 'Bravo',
      nextBillingDate: { given: 'x', instant: new Date(NOW + DAY).toISOString() },
    });
    expect(attentionLines([project(1), project(2, { name: 'Mike', status: 'expired' }), billsTomorrow], NOW)).toEqual([
      '  expired: Mike (project 2)',
      '  bills tomorrow: Bravo (project 3)',
    ]);
  });
});

describe('formatTable', () => {
  it('aligns columns and shows plan and billing', () => {
    const table = formatTable(
      [
        project(715, {
          name: 'Acme',
          billingPlan: { id: 3, name: 'Phone Automation Medium' },
          nextBillingDate: { given: '2026-12-01' },
        }),
        project(8, { name: 'Blue Lotus Spa', status: 'expired', service: 'whatsapp-official' }),
      ],
      NOW,
    );
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+STATUS\s+SERVICE\s+PLAN\s+NEXT BILLING$/);
    const day = formatDay({ year: 2026, month: 12, day: 1 });
    expect(lines[1]).toMatch(
      new RegExp(`^715\\s+Acme\\s+Active\\s+Phone Automation\\s+Phone Automation Medium\\s+${day} · in 4 days$`),
    );
    expect(lines[2]).toMatch(/^8\s+Blue Lotus Spa\s+Expired\s+WhatsApp Official\s+No plan\s+—$/);
    const col = (line: string | undefined) => line?.indexOf('Active') ?? -1;
    expect(lines[0]?.indexOf('STATUS')).toBe(col(lines[1]));
  });
  it('keeps terminal escape sequences from the server out of the output', () => {
    expect(formatTable([project(1, { name: 'evil\u001b]0;pwned\u0007name' })], NOW)).not.toMatch(/\u001b|\u0007/);
  });
});

describe('secrets in output', () => {
  const p = project(1, { apiTokens: [{ ip: '1.2.3.4', token: 'abcdef0123456789wxyz' }, { token: 'short' }] });
  it('masks per-project API tokens unless revealed', () => {
    expect(maskSecret('abcdef0123456789wxyz')).toBe('****wxyz');
    expect(maskSecret('short')).toBe('****');
    const text = formatProjectDetails(p, false, NOW);
    expect(text).toContain('API token 1:');
    expect(text).toContain('****wxyz (IP 1.2.3.4)');
    expect(text).not.toContain('abcdef0123456789');
    expect(text).toContain('--reveal');
    expect(formatProjectDetails(p, true, NOW)).toContain('abcdef0123456789wxyz');
    expect(JSON.stringify(projectForOutput(p, false))).not.toContain('abcdef');
    expect(projectForOutput(p, true)).toEqual(p);
  });
  it('shows every field, with a dash for missing ones', () => {
    const text = formatProjectDetails(project(3, { licenseKey: 'LK-1', country: 'IN' }), false, NOW);
    expect(text).toMatch(/^License key:\s+LK-1$/m);
    expect(text).toMatch(/^Country:\s+IN$/m);
    expect(text).toMatch(/^Notes:\s+—$/m);
    expect(text).toMatch(/^API tokens:\s+none$/m);
  });
});

describe('offlineNotice', () => {
  it('says offline, as of when, and why', () => {
    const line = offlineNotice(ago(5 * MIN), NOW, {
      code: 'connection-refused',
      message: 'Picky Assist could not be reached.',
    });
    expect(line).toMatch(
      /^Showing the offline copy from \d\d:\d\d( [AP]M)? \(5 min ago\)\. Picky Assist could not be reached\.$/,
    );
  });
});

describe('billingCell and the details', () => {
  it('reads the billing date in the user’s zone, with the project’s own reading in the details', () => {
    const p = project(1, {
      timeZone: 'Asia/Kolkata',
      nextBillingDate: { given: '17-12-2026 03:00' },
      dateFormat: 'DD-MM-YYYY',
    });
    // 03:00 in Kolkata on the 17th is 21:30 UTC on the 16th: the user (UTC here) reads the 16th.
    const day = formatDay({ year: 2026, month: 12, day: 16 });
    expect(billingCell(p, NOW)).toBe(`${day} · in 19 days`);
    expect(formatProjectDetails(p, false, NOW)).toMatch(
      new RegExp(
        `^Next billing:\\s+${day} · in 19 days \\(project: ${formatDay({ year: 2026, month: 12, day: 17 })} 03:00, Asia/Kolkata\\)$`,
        'm',
      ),
    );
  });
  it('says "Was due" for a past date', () => {
    const p = project(1, { nextBillingDate: { given: '2026-11-18' } });
    expect(billingCell(p, NOW)).toBe(`Was due ${formatDay({ year: 2026, month: 11, day: 18 }, { withYear: false })}`);
  });
  it('falls back to the text as sent, or nothing', () => {
    expect(billingCell(project(1, { nextBillingDate: { given: 'next month' } }), NOW)).toBe('next month');
    expect(billingCell(project(1, { nextBillingDate: { given: '' } }), NOW)).toBeUndefined();
    expect(billingCell(project(1), NOW)).toBeUndefined();
  });
});
