// Notification memory against odd data, with real files across a restart: the long-date fixture (a billing time
// with 500 digits of fractional seconds) is announced once, and not again after the app starts afresh; one bad key
// in the file is dropped alone, the others kept.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProjectsResponse } from '../../app/core/api-wire';
import { diffProjects } from '../../app/core/project-diff';
import { notificationsFor } from '../../app/main/notifications';
import { createNotifiedKeysStore } from '../../app/main/notified-keys-store';
import { buildHostileProjects, toWire } from '../emulator/fixtures';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

const now = Date.parse('2026-11-30T12:00:00Z');
const wire = buildHostileProjects({ now: new Date(now) }).map((p) => toWire(p, true));

describe('notification memory', () => {
  it('announces the long-date project once, and not again after a restart', async () => {
    const dir = await makeTempDir('notified');
    const projects = parseProjectsResponse({ status: 100, data: wire });
    const longDate = projects.find((p) => p.id === 905);
    expect(longDate?.nextBillingDate?.instant).toBe(
      new Date(Date.parse(`${new Date(now + 2 * 86_400_000).toISOString().slice(0, 10)}T04:30:00.123Z`)).toISOString(),
    );
    // What is kept of the text is capped at the wire.
    expect(longDate?.nextBillingDate?.given.length).toBeLessThanOrEqual(64);

    const first = notificationsFor(diffProjects(undefined, projects, now), await createNotifiedKeysStore(dir).load());
    expect(first.notifications.map((n) => n.projectId)).toContain(905);
    for (const key of first.next) expect(key.length).toBeLessThan(80);
    await createNotifiedKeysStore(dir).save(first.next);

    // A restart: a new store on the same folder, the same answer from the server.
    const again = parseProjectsResponse({ status: 100, data: wire });
    const second = notificationsFor(diffProjects(undefined, again, now), await createNotifiedKeysStore(dir).load());
    expect(second.notifications).toEqual([]);
  });

  it('drops bad keys one by one and keeps the rest', async () => {
    const dir = await makeTempDir('notified-bad');
    const good = ['status:7:expired', 'billing:8:2026-12-02T04:30:00.123Z'];
    const bad = [`billing:9:${'1'.repeat(400)}`, 42, null, '', { key: 'x' }];
    await writeFile(join(dir, 'notified.json'), JSON.stringify({ version: 1, keys: [good[0], ...bad, good[1]] }));
    const store = createNotifiedKeysStore(dir);
    expect([...(await store.load())]).toEqual(good);
    await store.save(new Set([...good, `billing:10:${'2'.repeat(400)}`]));
    expect(JSON.parse(await readFile(join(dir, 'notified.json'), 'utf8'))).toEqual({ version: 1, keys: good });
  });

  it('reads a file that is not JSON, or of another version, as nothing remembered', async () => {
    const dir = await makeTempDir('notified-broken');
    await writeFile(join(dir, 'notified.json'), '{not json');
    expect((await createNotifiedKeysStore(dir).load()).size).toBe(0);
    await writeFile(join(dir, 'notified.json'), JSON.stringify({ version: 2, keys: ['status:1:expired'] }));
    expect((await createNotifiedKeysStore(dir).load()).size).toBe(0);
  });
});
