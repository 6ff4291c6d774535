// What the CLI prints about phones and the exit codes they give, from pure functions.
import { describe, expect, it } from 'vitest';
import { EXIT, statusExitCode } from '../../app/cli/exit-codes';
import {
  detailLine,
  formatPhoneDetails,
  formatPhonesTable,
  phoneCheckLines,
  phoneForOutput,
  summaryLine,
} from '../../app/cli/format';
import type { Project } from '../../app/core/model';
import type { PhoneStates } from '../../app/core/phone-state';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const iso = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

function project(id: number, extra: Partial<Project> = {}): Project {
  return {
    id,
    name: `Shop ${id}`,
    status: 'active',
    service: 'phone-automation',
    apiTokens: [{ token: `secret-token-${id}-abcdef` }],
    webhooks: {},
    ...extra,
  };
}

const projects = [
  project(1),
  project(2),
  project(3),
  project(4),
  project(5, { service: 'whatsapp-official' }),
  project(6, { apiTokens: [] }),
];
const phones: PhoneStates = {
  '1': { state: 'connected', connectedNumber: '9234324324', queueCount: 2, checkedAt: iso(1), since: iso(90) },
  '2': { state: 'no-internet', checkedAt: iso(2), since: iso(12) },
  '3': {
    state: 'unknown',
    checkedAt: iso(3),
    since: iso(3),
    error: { code: 'ip-limited', message: "This project's API tokens are limited to 203.0.113.10; add a token …" },
  },
};

describe('phones in the CLI', () => {
  it('adds phone counts to the status line (phone projects only)', () => {
    expect(summaryLine({ projects, fetchedAt: iso(0), stale: false, now: NOW, phones })).toBe(
      '6 projects: 6 active · 1 phone connected, 1 offline, 1 unknown, 1 not checked yet · updated just now',
    );
  });

  it('status exits 1 when an active phone project’s phone is away; 3 still wins for the offline copy', () => {
    const nothingDue = () => false;
    expect(statusExitCode({ projects, source: 'network', phones }, nothingDue)).toBe(EXIT.attention);
    expect(statusExitCode({ projects, source: 'cache', phones }, nothingDue)).toBe(EXIT.stale);
    const fine: PhoneStates = { '1': phones['1']!, '3': phones['3']! };
    expect(statusExitCode({ projects, source: 'network', phones: fine }, nothingDue)).toBe(EXIT.ok);
    // An expired project's phone does not count (the project itself is the tray's rule's business).
    const expired = [project(2, { status: 'expired' })];
    expect(statusExitCode({ projects: expired, source: 'network', phones }, nothingDue)).toBe(EXIT.ok);
    expect(statusExitCode({ projects: expired, source: 'network', phones }, () => true)).toBe(EXIT.attention);
  });

  it('prints a table with state, since, number, queue and check time, and why a check failed', () => {
    const rows = projects.slice(0, 4).map((p) => phoneForOutput(p, phones[String(p.id)]));
    const table = formatPhonesTable(rows, NOW);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+PHONE\s+SINCE\s+NUMBER\s+QUEUE\s+CHECKED$/);
    expect(lines[1]).toMatch(/^1\s+Shop 1\s+connected\s+\S.*\s+9234324324\s+2\s+1 min ago$/);
    expect(lines[2]).toMatch(/^2\s+Shop 2\s+offline\s+/);
    expect(lines[3]).toMatch(/^3\s+Shop 3\s+check failed\s+/);
    expect(lines[4]).toMatch(/^4\s+Shop 4\s+not checked\s+—\s+—\s+—\s+never$/);
    expect(table).toContain("3 Shop 3: This project's API tokens are limited to 203.0.113.10");
    expect(table).not.toContain('secret-token');
  });

  it('prints one phone’s details and JSON without the token', () => {
    const row = phoneForOutput(projects[0]!, phones['1']);
    expect(row).toEqual({
      projectId: 1,
      name: 'Shop 1',
      state: 'connected',
      since: iso(90),
      connectedNumber: '9234324324',
      queueCount: 2,
      checkedAt: iso(1),
    });
    expect(formatPhoneDetails(row, NOW)).toMatch(
      /Phone:\s+connected since .+\nConnected number:\s+9234324324\nQueued messages:\s+2\nChecked:\s+.+\(1 min ago\)/,
    );
  });

  it('a failed check: the headline always, its details only with --verbose (table, one phone, status lines)', () => {
    const failed: PhoneStates = {
      '3': {
        state: 'unknown',
        checkedAt: iso(3),
        since: iso(3),
        error: {
          code: 'http-status',
          message: 'Picky Assist refused the request; your token may be fine. Try again later.',
          detail: 'https://app.pickyassist.com/app/api/v2 answered HTTP 502.',
        },
      },
    };
    const row = phoneForOutput(projects[2]!, failed['3']);
    const headline = 'Picky Assist refused the request; your token may be fine. Try again later.';
    const detail = 'https://app.pickyassist.com/app/api/v2 answered HTTP 502.';

    expect(formatPhoneDetails(row, NOW).split('\n').at(-1)).toMatch(
      /^Why:\s+Picky Assist refused the request; .+ later\.$/,
    );
    expect(formatPhoneDetails(row, NOW)).not.toContain('Details');
    expect(formatPhoneDetails(row, NOW, true)).toMatch(
      /\nWhy:\s+Picky Assist refused .+\nDetails:\s+https:\/\/\S+ answered HTTP 502\.$/,
    );

    expect(formatPhonesTable([row], NOW)).toMatch(/\n\n3 Shop 3: Picky Assist refused the request; .+ later\.$/);
    expect(formatPhonesTable([row], NOW)).not.toContain(detail);
    expect(formatPhonesTable([row], NOW, true)).toContain(`\n\n3 Shop 3: ${headline}\n  Details: ${detail}`);

    expect(phoneCheckLines(projects, failed)).toEqual([`  phone check failed: Shop 3 (project 3): ${headline}`]);
    expect(phoneCheckLines(projects, failed, true)).toEqual([
      `  phone check failed: Shop 3 (project 3): ${headline}`,
      `    Details: ${detail}`,
    ]);
    // The rule for every CLI error (run-cli.ts prints a failed command's details the same way).
    expect(detailLine({ detail }, false)).toBeUndefined();
    expect(detailLine({ detail }, true)).toBe(`Details: ${detail}`);
    expect(detailLine({}, true)).toBeUndefined();
  });
});
