import { describe, expect, it } from 'vitest';
import type { Project } from '../../app/core/model';
import { billingSoon, diffProjects, isDiffEmpty } from '../../app/core/project-diff';
import { minimalProject } from '../helpers/projects';

const NOW = Date.parse('2026-11-27T10:00:00Z');

const project = minimalProject;
const billed = (date: string): Partial<Project> => ({
  nextBillingDate: { given: date, instant: new Date(date).toISOString() },
});

describe('diffProjects', () => {
  it('reports added, removed and status changes by id', () => {
    const before = [project(1), project(2), project(3, { status: 'active' })];
    const after = [project(1), project(3, { status: 'expired', name: 'Renamed' }), project(4)];
    const diff = diffProjects(before, after, NOW);
    expect(diff.added).toEqual([{ id: 4, name: 'Project 4' }]);
    expect(diff.removed).toEqual([{ id: 2, name: 'Project 2' }]);
    expect(diff.statusChanged).toEqual([{ id: 3, name: 'Renamed', from: 'active', to: 'expired' }]);
    expect(isDiffEmpty(diff)).toBe(false);
  });

  it('is empty when nothing changed (a rename alone is not news)', () => {
    const diff = diffProjects([project(1)], [project(1, { name: 'Other' })], NOW);
    expect(isDiffEmpty(diff)).toBe(true);
  });

  it('does not announce every project on the first load', () => {
    const diff = diffProjects(undefined, [project(1), project(2, { status: 'expired' })], NOW);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.statusChanged).toEqual([]);
    expect(isDiffEmpty(diff)).toBe(true);
  });

  it('still reports billing soon on the first load', () => {
    const diff = diffProjects(undefined, [project(1, billed('2026-11-29'))], NOW, UTC);
    expect(diff.billingSoon).toEqual([{ id: 1, name: 'Project 1', instant: '2026-11-29T00:00:00.000Z', daysLeft: 2 }]);
  });
});

const UTC = { timeZone: 'UTC' };

describe('billingSoon', () => {
  it('includes today up to three of the user’s calendar days ahead, soonest first, with days left', () => {
    const list = [
      project(1, billed('2026-11-30T10:00:00Z')), // 3 days
      project(2, billed('2026-11-27')), // today, midnight already passed
      project(3, billed('2026-11-30T23:59:59Z')), // 3 days too: the window counts days, not hours
      project(8, billed('2026-12-01T00:00:00Z')), // the fourth day
      project(4, billed('2026-11-26')), // yesterday
      project(5, billed('2026-11-28T09:00:00Z')),
      project(6),
      project(7, { nextBillingDate: { given: '' } }),
    ];
    expect(billingSoon(list, NOW, UTC).map((b) => [b.id, b.daysLeft])).toEqual([
      [2, 0],
      [5, 1],
      [1, 3],
      [3, 3],
    ]);
  });

  it('ignores an unparseable instant', () => {
    expect(billingSoon([project(1, { nextBillingDate: { given: 'soon', instant: 'not a date' } })], NOW)).toEqual([]);
  });
});
