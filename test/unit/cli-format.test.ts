import { describe, expect, it } from 'vitest';
import { EXIT, statusExitCode } from '../../app/cli/exit-codes';
import {
  billingDay,
  formatProjectDetails,
  formatTable,
  maskSecret,
  offlineNotice,
  projectForOutput,
  relativeTime,
  summaryLine,
} from '../../app/cli/format';
import type { Project } from '../../app/core/model';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

function project(id: number, patch: Partial<Project> = {}): Project {
  return {
    id,
    name: `Project ${id}`,
    status: 'active',
    service: 'phone-automation',
    apiTokens: [],
    webhooks: {},
    ...patch,
  };
}

describe('relativeTime', () => {
  it.each([
    [10_000, 'just now'],
    [50_000, '1 min ago'],
    [5 * MIN, '5 min ago'],
    [59 * MIN, '59 min ago'],
    [61 * MIN, '1 h ago'],
    [23 * 60 * MIN, '23 h ago'],
    [25 * 60 * MIN, '1 day ago'],
    [3 * 24 * 60 * MIN, '3 days ago'],
    [-5 * MIN, 'in 5 min'],
  ])('%i ms before now -> %s', (delta, text) => {
    expect(relativeTime(ago(delta), NOW)).toBe(text);
  });
  it('says when it cannot tell', () => expect(relativeTime('nonsense', NOW)).toBe('at an unknown time'));
});

describe('summaryLine', () => {
  const list = [...Array.from({ length: 11 }, (_, i) => project(i + 1)), project(12, { status: 'expired' })];
  it('counts statuses and says when it was updated', () => {
    expect(summaryLine({ projects: list, fetchedAt: ago(5 * MIN), stale: false, now: NOW })).toBe(
      '12 projects: 11 active, 1 expired · updated 5 min ago',
    );
  });
  it('says offline for a stale copy', () => {
    expect(summaryLine({ projects: [project(1)], fetchedAt: ago(2 * 60 * MIN), stale: true, now: NOW })).toBe(
      '1 project: 1 active · offline, as of 2 h ago',
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
  it('0 all active, 1 expired or deleted, 2 nothing, 3 stale (wins over 1)', () => {
    expect(statusExitCode({ projects: [project(1)], source: 'network' })).toBe(EXIT.ok);
    expect(statusExitCode({ projects: [], source: 'network' })).toBe(EXIT.ok);
    expect(statusExitCode({ projects: [project(1), project(2, { status: 'expired' })], source: 'network' })).toBe(
      EXIT.attention,
    );
    expect(statusExitCode({ projects: [project(2, { status: 'deleted' })], source: 'network' })).toBe(EXIT.attention);
    expect(statusExitCode({ projects: [], source: 'none' })).toBe(EXIT.error);
    expect(statusExitCode({ projects: [project(1)], source: 'cache' })).toBe(EXIT.stale);
    expect(statusExitCode({ projects: [project(2, { status: 'expired' })], source: 'cache' })).toBe(EXIT.stale);
    expect([EXIT.ok, EXIT.attention, EXIT.error, EXIT.stale]).toEqual([0, 1, 2, 3]);
  });
});

describe('formatTable', () => {
  it('aligns columns and shows plan and billing', () => {
    const table = formatTable([
      project(715, {
        name: 'Acme',
        billingPlan: { id: 3, name: 'Phone Automation Medium' },
        nextBillingDate: { given: '2026-12-01' },
      }),
      project(8, { name: 'Blue Lotus Spa', status: 'expired', service: 'whatsapp-official' }),
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+STATUS\s+SERVICE\s+PLAN\s+NEXT BILLING$/);
    expect(lines[1]).toMatch(/^715\s+Acme\s+Active\s+Phone Automation\s+Phone Automation Medium\s+2026-12-01$/);
    expect(lines[2]).toMatch(/^8\s+Blue Lotus Spa\s+Expired\s+WhatsApp Official\s+—\s+—$/);
    const col = (line: string | undefined) => line?.indexOf('Active') ?? -1;
    expect(lines[0]?.indexOf('STATUS')).toBe(col(lines[1]));
  });
  it('keeps terminal escape sequences from the server out of the output', () => {
    expect(formatTable([project(1, { name: 'evil\u001b]0;pwned\u0007name' })])).not.toMatch(/\u001b|\u0007/);
  });
});

describe('secrets in output', () => {
  const p = project(1, { apiTokens: [{ ip: '1.2.3.4', token: 'abcdef0123456789wxyz' }, { token: 'short' }] });
  it('masks per-project API tokens unless revealed', () => {
    expect(maskSecret('abcdef0123456789wxyz')).toBe('****wxyz');
    expect(maskSecret('short')).toBe('****');
    const text = formatProjectDetails(p, false);
    expect(text).toContain('API token 1:');
    expect(text).toContain('****wxyz (IP 1.2.3.4)');
    expect(text).not.toContain('abcdef0123456789');
    expect(text).toContain('--reveal');
    expect(formatProjectDetails(p, true)).toContain('abcdef0123456789wxyz');
    expect(JSON.stringify(projectForOutput(p, false))).not.toContain('abcdef');
    expect(projectForOutput(p, true)).toEqual(p);
  });
  it('shows every field, with a dash for missing ones', () => {
    const text = formatProjectDetails(project(3, { licenseKey: 'LK-1', country: 'IN' }), false);
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
      /^offline — showing projects as of \d{4}-\d\d-\d\d \d\d:\d\d \(5 min ago\): Picky Assist could not be reached\.$/,
    );
  });
});

describe('billingDay', () => {
  it('shows the day in the project’s time zone, whatever format the server used', () => {
    const instant = '2026-12-16T21:30:00.000Z';
    expect(
      billingDay(project(1, { timeZone: 'Asia/Kolkata', nextBillingDate: { given: '17-12-2026 03:00', instant } })),
    ).toBe('2026-12-17');
    expect(billingDay(project(1, { nextBillingDate: { given: 'x', instant } }))).toBe('2026-12-16');
    expect(billingDay(project(1, { timeZone: 'Not/AZone', nextBillingDate: { given: 'x', instant } }))).toBe(
      '2026-12-16',
    );
  });
  it('falls back to the text as sent, or nothing', () => {
    expect(billingDay(project(1, { nextBillingDate: { given: 'next month' } }))).toBe('next month');
    expect(billingDay(project(1, { nextBillingDate: { given: '' } }))).toBeUndefined();
    expect(billingDay(project(1))).toBeUndefined();
  });
  it('details show the day and the text as sent when they differ', () => {
    const text = formatProjectDetails(
      project(1, { timeZone: 'UTC', nextBillingDate: { given: '12-16-2026', instant: '2026-12-16T00:00:00.000Z' } }),
      false,
    );
    expect(text).toMatch(/^Next billing:\s+2026-12-16 \(sent as 12-16-2026\)$/m);
  });
});
