import { describe, expect, it } from 'vitest';
import type { Project } from '../../app/core/model';
import type { PhoneStates } from '../../app/core/phone-state';
import {
  attentionText,
  matchesChip,
  countByStatus,
  filterProjects,
  formatCount,
  indexProjects,
  nameSortKey,
  pluralize,
  sortProjects,
} from '../../renderer/src/lib/project-list';
import { makeProject } from '../helpers/projects';

function project(over: Partial<Project>): Project {
  return { ...makeProject(1), ...over };
}

const list: Project[] = [
  project({
    id: 1,
    name: 'Zeta Clinic',
    status: 'active',
    number: '911111',
    companyName: 'Zeta Health',
    unbrandedKeyword: 'zeta',
    brandedKeyword: undefined,
    nextBillingDate: { given: '2026-12-10' },
  }),
  project({
    id: 2,
    name: 'alpha Shop',
    status: 'expired',
    number: '442222',
    companyName: 'Alpha Retail',
    unbrandedKeyword: 'shopnow',
    brandedKeyword: 'ALPHA',
    nextBillingDate: { given: '' },
  }),
  project({
    id: 3,
    name: 'Beta Line',
    status: 'deleted',
    number: '913333',
    companyName: 'Beta Corp',
    unbrandedKeyword: 'beta',
    brandedKeyword: undefined,
    nextBillingDate: { given: '2026-12-01' },
  }),
  project({
    id: 4,
    name: 'Gamma 10',
    status: 'unknown',
    number: '15550000',
    companyName: 'Gamma',
    unbrandedKeyword: 'g',
    brandedKeyword: undefined,
    nextBillingDate: undefined,
  }),
  project({
    id: 5,
    name: 'Gamma 9',
    status: 'active',
    number: '15550001',
    companyName: 'Gamma',
    unbrandedKeyword: 'g9',
    brandedKeyword: undefined,
    nextBillingDate: { given: '05-12-2026', instant: '2026-12-05T00:00:00.000Z' },
  }),
];
const names = (items: readonly { project: Project }[]) => items.map((i) => i.project.name);

describe('filterProjects', () => {
  const indexed = indexProjects(list);
  it('matches name, number, company and keywords, ignoring case', () => {
    expect(names(filterProjects(indexed, 'ALPHA'))).toEqual(['alpha Shop']);
    expect(names(filterProjects(indexed, '913333'))).toEqual(['Beta Line']);
    expect(names(filterProjects(indexed, 'zeta health'))).toEqual(['Zeta Clinic']);
    expect(names(filterProjects(indexed, 'shopnow'))).toEqual(['alpha Shop']);
  });
  it('needs every word to match, and an empty query keeps everything', () => {
    expect(names(filterProjects(indexed, 'gamma 9'))).toEqual(['Gamma 9']);
    expect(filterProjects(indexed, '   ')).toHaveLength(5);
    expect(filterProjects(indexed, 'nothing-like-this')).toHaveLength(0);
  });
  it('does not search fields the user cannot see in the list (license keys, tokens)', () => {
    const withKey = indexProjects([project({ licenseKey: 'SECRETKEY1', apiTokens: [{ token: 'tok_hidden' }] })]);
    expect(filterProjects(withKey, 'secretkey1')).toHaveLength(0);
    expect(filterProjects(withKey, 'tok_hidden')).toHaveLength(0);
  });
});

describe('nameSortKey', () => {
  it('folds case and accents, and orders numbers by value', () => {
    const sorted = ['Café 10', 'cafe 9', 'CAFÉ 2', 'Bistro', 'café 009b', 'Éclair'].sort((a, b) => {
      const ka = nameSortKey(a);
      const kb = nameSortKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    expect(sorted).toEqual(['Bistro', 'CAFÉ 2', 'cafe 9', 'café 009b', 'Café 10', 'Éclair']);
  });
});

describe('sortProjects', () => {
  const indexed = indexProjects(list);
  it('sorts names naturally and case-insensitively', () => {
    expect(names(sortProjects(indexed, 'name'))).toEqual([
      'alpha Shop',
      'Beta Line',
      'Gamma 9',
      'Gamma 10',
      'Zeta Clinic',
    ]);
  });
  it('sorts by status: active, expired, deleted, unknown', () => {
    expect(names(sortProjects(indexed, 'status'))).toEqual([
      'Gamma 9',
      'Zeta Clinic',
      'alpha Shop',
      'Beta Line',
      'Gamma 10',
    ]);
  });
  it('sorts by next billing, soonest first and undated last', () => {
    expect(names(sortProjects(indexed, 'nextBilling'))).toEqual([
      'Beta Line',
      'Gamma 9',
      'Zeta Clinic',
      'alpha Shop',
      'Gamma 10',
    ]);
  });
  it('does not change the list it was given', () => {
    const before = names(indexed);
    sortProjects(indexed, 'name');
    expect(names(indexed)).toEqual(before);
  });
});

describe('counts', () => {
  it('counts every status', () => {
    expect(countByStatus(list)).toEqual({ active: 2, expired: 1, deleted: 1, unknown: 1 });
  });
  it('gives plain ASCII names (its fast path) the same sort key as the full Unicode folding would', () => {
    const full = (name: string) =>
      name
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(12, '0'));
    const names = [
      'Acme Support Line',
      'plain 007',
      'Load 10',
      'A~Z {x} | 9',
      'Café Lumière',
      'Ångström 2',
      'tab\tname',
      '',
    ];
    for (const name of names) expect(nameSortKey(name)).toBe(full(name));
  });
  it('groups thousands the way Intl does for en-US, without loading Intl', () => {
    for (const n of [0, 7, 999, 1000, 10_000, 123_456, 1_000_000, 98_765_432, -4321]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });
  it('pluralizes with thousands separators', () => {
    expect(pluralize(1, 'project', 'projects')).toBe('1 project');
    expect(pluralize(10000, 'project', 'projects')).toBe('10,000 projects');
  });
});

describe('attention chips and sort, by the tray rule', () => {
  const NOW2 = Date.parse('2026-11-30T12:00:00Z');
  const soon = { given: 'x', instant: new Date(NOW2 + 2 * 86_400_000).toISOString() };
  const make = (id: number, patch: Partial<Project>): Project => ({
    id,
    name: `P${id}`,
    status: 'active',
    service: 'phone-automation',
    apiTokens: [],
    webhooks: {},
    ...patch,
  });
  const projects = [
    make(1, {}),
    make(2, { status: 'expired' }),
    make(3, { nextBillingDate: soon }),
    make(4, { status: 'deleted', nextBillingDate: soon }),
  ];
  it('Needs attention is expired or billing soon, never deleted', () => {
    expect(projects.filter((p) => matchesChip(p, 'attention', NOW2)).map((p) => p.id)).toEqual([2, 3]);
    expect(projects.filter((p) => matchesChip(p, 'deleted', NOW2)).map((p) => p.id)).toEqual([4]);
    expect(attentionText(projects[1]!, NOW2)).toBe('Expired');
    expect(attentionText(projects[2]!, NOW2)).toBe('Bills in 2 days');
    expect(attentionText(projects[3]!, NOW2)).toBeUndefined();
  });
  it('sorts attention first, then by name', () => {
    expect(sortProjects(indexProjects(projects), 'attention', NOW2).map((i) => i.project.id)).toEqual([2, 3, 1, 4]);
  });
  it('"Needs attention first" puts what the chip counts on top: expired, a phone away 5+ min, billing soon', () => {
    const token: Project['apiTokens'] = [{ token: 'tok_sort' }];
    const minutesAgo = (m: number) => new Date(NOW2 - m * 60_000).toISOString();
    const phoneProjects = [
      make(10, { name: 'A connected', apiTokens: token }),
      make(11, { name: 'B offline 10 min', apiTokens: token }),
      make(12, { name: 'C billing soon', nextBillingDate: soon }),
      make(13, { name: 'D expired', status: 'expired' }),
      make(14, { name: 'E offline 2 min', apiTokens: token }),
      make(15, { name: 'F unpaired 6 min', apiTokens: token }),
      make(16, { name: 'G deleted, phone away', status: 'deleted', apiTokens: token }),
    ];
    const phones: PhoneStates = {
      '10': { state: 'connected', since: minutesAgo(60) },
      '11': { state: 'no-internet', since: minutesAgo(10) },
      '14': { state: 'no-internet', since: minutesAgo(2) },
      '15': { state: 'unpaired', since: minutesAgo(6) },
      '16': { state: 'no-internet', since: minutesAgo(60) },
    };
    const names = sortProjects(indexProjects(phoneProjects), 'attention', NOW2, phones).map((i) => i.project.name);
    expect(names).toEqual([
      'D expired',
      'B offline 10 min',
      'F unpaired 6 min',
      'C billing soon',
      'A connected',
      'E offline 2 min',
      'G deleted, phone away',
    ]);
    // Exactly the projects on top are the ones the "Needs attention" chip counts.
    const counted = phoneProjects.filter((p) => matchesChip(p, 'attention', NOW2, phones)).map((p) => p.name);
    expect(names.slice(0, counted.length).sort()).toEqual([...counted].sort());
  });
  it('the filter matches service, plan and status words', () => {
    const items = indexProjects([
      make(5, { service: 'whatsapp-official' }),
      make(6, { billingPlan: { id: 3, name: 'Phone Automation Medium' } }),
      make(7, { status: 'expired' }),
    ]);
    expect(filterProjects(items, 'whatsapp official').map((i) => i.project.id)).toEqual([5]);
    expect(filterProjects(items, 'medium').map((i) => i.project.id)).toEqual([6]);
    expect(filterProjects(items, 'expired').map((i) => i.project.id)).toEqual([7]);
  });
});
