import { describe, expect, it } from 'vitest';
import { maskProject, maskSecret, stateForWindow } from '../../app/core/project-tokens';
import type { Project } from '../../app/core/model';
import type { SyncState } from '../../app/core/sync-state';

const project = (id: number, apiTokens: Project['apiTokens']): Project => ({
  id,
  name: `P${id}`,
  status: 'active',
  service: 'phone-automation',
  apiTokens,
  webhooks: {},
});

describe('project API tokens for the window', () => {
  it('keeps the last 4 characters of a long token and the IP limit, nothing of a short one', () => {
    expect(maskSecret('abcdef0123456789wxyz')).toBe('****wxyz');
    expect(maskSecret('short')).toBe('****');
    expect(
      maskProject(project(1, [{ ip: '1.2.3.4', token: 'abcdef0123456789wxyz' }, { token: 'short' }])).apiTokens,
    ).toEqual([{ ip: '1.2.3.4', token: '****wxyz' }, { token: '****' }]);
  });

  it('masks every project of a state, and leaves a state without tokens as it is', () => {
    const none: SyncState = { kind: 'ok', projects: [project(1, [])], source: 'network', failures: 0 };
    expect(stateForWindow(none)).toBe(none);
    const some: SyncState = { ...none, projects: [project(1, []), project(2, [{ token: 'secret-token-0123456789' }])] };
    const masked = stateForWindow(some);
    expect(JSON.stringify(masked)).not.toContain('secret-token');
    expect(masked.projects[0]).toBe(some.projects[0]);
    // The core's own copy is untouched.
    expect(some.projects[1]?.apiTokens[0]?.token).toBe('secret-token-0123456789');
  });
});
