// The table of date cases (test/helpers/date-cases.ts) through every surface main and the CLI draw: the tray
// menu, the notifications and the CLI's table and details. Each runs with the process in the user's zone (TZ), as
// the app would on that user's machine; the window's list is checked in real Chromium (date-rule.spec.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { billingCell, formatProjectDetails, formatTable } from '../../app/cli/format';
import { billsPhrase, formatDay } from '../../app/core/dates';
import type { Project } from '../../app/core/model';
import { diffProjects } from '../../app/core/project-diff';
import { notificationsFor } from '../../app/main/notifications';
import { buildTrayMenu, findMenuItem } from '../../app/main/tray-menu';
import { DATE_CASES, type DateCase } from '../helpers/date-cases';

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

function projectOf(c: DateCase): Project {
  return {
    id: 1,
    name: c.id,
    status: 'active',
    service: 'phone-automation',
    apiTokens: [],
    webhooks: {},
    timeZone: c.projectZone,
    dateFormat: c.dateFormat,
    nextBillingDate: { given: c.given },
  };
}

/** What the user reads, in this runtime's locale (the surfaces use the user's). */
function expectedText(c: DateCase): string {
  return c.daysLeft < 0
    ? `Was due ${formatDay(c.day, { withYear: c.day.year !== Number(c.now.slice(0, 4)) })}`
    : formatDay(c.day);
}

describe.each(DATE_CASES.map((c) => [c.id, c] as const))('%s on every surface', (_id, c) => {
  const now = Date.parse(c.now);

  it('the tray menu says when it bills, counted in the user’s days', () => {
    process.env.TZ = c.userZone;
    const menu = buildTrayMenu(
      { kind: 'ok', projects: [projectOf(c)], source: 'network', failures: 0, fetchedAt: c.now },
      { launchAtLogin: false, now },
    );
    const item = findMenuItem(menu, 'project:1');
    expect(item?.type === 'submenu' ? item.label : '').toBe(
      c.soon ? `${c.id} — Active · ${billsPhrase(c.daysLeft)}` : `${c.id} — Active`,
    );
    const status = findMenuItem(menu, 'status');
    expect(status?.type === 'normal' ? status.label : '').toContain(c.soon ? '1 billing soon' : '1 project');
  });

  it('a notification names the day in the user’s zone with the same word', () => {
    process.env.TZ = c.userZone;
    const diff = diffProjects(undefined, [projectOf(c)], now);
    const { notifications } = notificationsFor(diff, new Set());
    if (!c.soon) {
      expect(notifications).toEqual([]);
      return;
    }
    const word = c.daysLeft === 0 ? 'today' : c.daysLeft === 1 ? 'tomorrow' : `in ${c.daysLeft} days`;
    expect(notifications.map((n) => n.body)).toEqual([`“${c.id}” will be billed ${word} (${formatDay(c.day)}).`]);
  });

  it('the CLI table and details read the same date and word', () => {
    process.env.TZ = c.userZone;
    const cell = c.daysLeft < 0 ? expectedText(c) : `${expectedText(c)} · ${c.relative}`;
    expect(billingCell(projectOf(c), now)).toBe(cell);
    expect(
      formatTable([projectOf(c)], now)
        .split('\n')[1]
        ?.endsWith(cell),
    ).toBe(true);
    const details = formatProjectDetails(projectOf(c), false, now).split('\n');
    expect(details.find((l) => l.startsWith('Next billing:'))?.replace(/^Next billing:\s+/, '')).toMatch(
      new RegExp(`^${cell} \\(project: `),
    );
  });
});
