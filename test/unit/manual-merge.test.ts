// Hand-added projects joining fetched ones: one row per project, the hand-added token kept when the fetched one has
// none usable, and the state's kind when the app runs on hand-added projects alone.
import { describe, expect, it } from 'vitest';
import { MANUAL_ID_BASE, isManualId, manualNumberOf, manualProjectId } from '../../app/core/manual-id';
import { mergeProjects, mergeState } from '../../app/core/manual-merge';
import { manualEntryProject } from '../../app/core/manual-projects';
import type { Project } from '../../app/core/model';
import { INITIAL_SYNC_STATE, type SyncState } from '../../app/core/sync-state';
import { parseRoute } from '../../renderer/src/lib/routes';
import { parseMenuId } from '../../app/main/tray-menu';
import { minimalProject } from '../helpers/projects';

const fetched = (id: number, extra: Partial<Project> = {}): Project => minimalProject(id, extra);
const byHand = (n: number, extra: { projectId?: number; key?: string; token?: string } = {}): Project =>
  manualEntryProject(
    {
      number: n,
      name: `By hand ${n}`,
      addedAt: '2026-11-30T10:00:00.000Z',
      ...(extra.projectId ? { projectId: extra.projectId } : {}),
    },
    extra.key,
    extra.token,
  );

describe('hand-added project ids', () => {
  it('are whole numbers far above real project ids, that routes and tray items accept as they are', () => {
    const id = manualProjectId(3);
    expect(id).toBe(MANUAL_ID_BASE + 3);
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(manualNumberOf(id)).toBe(3);
    expect(isManualId(715)).toBe(false);
    expect(parseRoute(`#/qr/${id}`)).toEqual({ name: 'qr', id });
    expect(parseRoute(`#/project/${id}`)).toEqual({ name: 'project', id });
    expect(parseMenuId(`project:${id}:qr`)).toEqual({ kind: 'show-qr', projectId: id });
  });
});

describe('mergeProjects', () => {
  it('shows a hand-added project that the listing also has once, matched by learned project id or license key', () => {
    const list = [fetched(715, { licenseKey: 'K715' }), fetched(802, { licenseKey: 'K802' })];
    const merged = mergeProjects(list, [
      byHand(1, { projectId: 715 }),
      byHand(2, { key: 'K802' }),
      byHand(3, { key: 'OTHER' }),
    ]);
    expect(merged.map((p) => p.id)).toEqual([715, 802, manualProjectId(3)]);
    expect(merged[0]?.manual?.number).toBe(1);
    expect(merged[0]?.source).toBeUndefined();
    expect(merged[2]?.source).toBe('manual');
  });

  it('keeps the hand-added token when the fetched project has none usable, never when it has one', () => {
    const limited = fetched(802, { apiTokens: [{ ip: '198.51.100.7', token: 'limitedlimitedlimited' }] });
    const open = fetched(715, { apiTokens: [{ token: 'fetchedfetchedfetched' }] });
    const merged = mergeProjects(
      [limited, open],
      [
        byHand(1, { projectId: 802, token: 'handhandhandhand' }),
        byHand(2, { projectId: 715, token: 'otherotherother' }),
      ],
    );
    expect(merged[0]?.apiTokens.map((t) => t.token)).toEqual(['limitedlimitedlimited', 'handhandhandhand']);
    expect(merged[1]?.apiTokens.map((t) => t.token)).toEqual(['fetchedfetchedfetched']);
  });
});

describe('mergeState', () => {
  it('runs on hand-added projects alone without a Master token: ok, not no-token', () => {
    const state = mergeState(INITIAL_SYNC_STATE, [byHand(1)]);
    expect(state.kind).toBe('ok');
    expect(state.projects).toHaveLength(1);
  });
  it('keeps a refused listing refused (not offline), and an address refusal as it is', () => {
    const refused: SyncState = {
      ...INITIAL_SYNC_STATE,
      kind: 'refused',
      error: { code: 'api-status', message: 'refused' },
    };
    expect(mergeState(refused, [byHand(1)]).kind).toBe('refused');
    const badAddress: SyncState = { ...INITIAL_SYNC_STATE, error: { code: 'settings-invalid', message: 'no' } };
    expect(mergeState(badAddress, [byHand(1)]).kind).toBe('no-token');
  });
  it('reads "not known" for what the server never gave, never "Expired"', () => {
    const p = byHand(1);
    expect(p).toMatchObject({ status: 'unknown', statusText: 'Not known' });
    expect(p.billingPlan).toBeUndefined();
    expect(p.nextBillingDate).toBeUndefined();
  });
});
