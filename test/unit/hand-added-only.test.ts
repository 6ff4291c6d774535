// With only projects added by hand (no Master token, or a listing that never answered), every surface says why, in
// the one wording of handAddedOnlyReason (labels.ts): the window's header, the tray's status line and
// `picky-tray status`. None says "Not updated yet" or "updated at an unknown time" of a list no listing updates.
import { describe, expect, it } from 'vitest';
import { summaryLine } from '../../app/cli/format';
import { handAddedOnlyReason } from '../../app/core/labels';
import { manualEntryProject } from '../../app/core/manual-projects';
import { mergeState } from '../../app/core/manual-merge';
import { INITIAL_SYNC_STATE, type SyncState } from '../../app/core/sync-state';
import { trayStatusLine } from '../../app/main/tray-state';
import { syncTimeText } from '../../renderer/src/components/SyncHeader';
import { minimalProject } from '../helpers/projects';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const desk = manualEntryProject({ number: 1, name: 'Front desk', addedAt: '2026-11-30T10:00:00Z' }, 'KEY-1', 'tok-1');
const phones = { [String(desk.id)]: { state: 'connected' as const, checkedAt: '2026-11-30T11:58:00Z' } };
const noToken: SyncState = { ...mergeState(INITIAL_SYNC_STATE, [desk]), phones };
const refused: SyncState = {
  ...mergeState(
    {
      ...INITIAL_SYNC_STATE,
      kind: 'refused',
      error: { code: 'api-status', message: 'Project Management API is disabled.' },
    },
    [desk],
  ),
  phones,
};

describe('only projects added by hand: one honest wording everywhere', () => {
  it('says why: no Master token, a refused listing, an unreachable one, or not fetched yet', () => {
    expect(handAddedOnlyReason(noToken)).toBe('no Master token');
    expect(handAddedOnlyReason(refused)).toBe('Picky Assist refused the project list');
    expect(handAddedOnlyReason({ ...refused, error: { code: 'timeout' } })).toBe(
      "Picky Assist's project list could not be reached",
    );
    expect(handAddedOnlyReason({ ...noToken, kind: 'refreshing' })).toBe('the project list is not fetched yet');
    // A list the listing gave (or holds fetched projects) is not "added by hand only".
    expect(handAddedOnlyReason({ ...noToken, fetchedAt: '2026-11-30T11:00:00Z' })).toBeUndefined();
    expect(handAddedOnlyReason({ ...noToken, projects: [desk, minimalProject(715)] })).toBeUndefined();
  });

  it("the window's header: why, and the phones' last check, never 'Not updated yet'", () => {
    expect(syncTimeText(noToken, NOW)).toBe('Projects added by hand (no Master token) · phones checked 2 min ago');
    expect(syncTimeText(refused, NOW)).toBe(
      'Projects added by hand (Picky Assist refused the project list) · phones checked 2 min ago',
    );
    expect(syncTimeText({ ...INITIAL_SYNC_STATE, kind: 'refreshing' }, NOW)).toBe('Not updated yet');
  });

  it('the tray agrees (no check time there: it would re-send the menu after every check)', () => {
    expect(trayStatusLine(noToken, NOW, 'UTC')).toMatch(/^Projects added by hand \(no Master token\) · 1 project/);
    expect(trayStatusLine(refused, NOW, 'UTC')).toMatch(
      /^Projects added by hand \(Picky Assist refused the project list\) · 1 project/,
    );
  });

  it('`picky-tray status` agrees', () => {
    const line = summaryLine({
      projects: [desk],
      stale: false,
      now: NOW,
      phones,
      handAddedOnly: handAddedOnlyReason(noToken),
    });
    expect(line).toContain('· no Master token · phones checked 2 min ago');
    expect(line).not.toContain('unknown time');
  });
});
