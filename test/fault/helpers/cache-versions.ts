// Distinct, recognizable versions of a cached project list: version v has its own fetch time and its own ids,
// so a test can tell exactly which version a cache holds, or that it holds none of them.
import { isDeepStrictEqual } from 'node:util';
import type { CachedProjects } from '../../../app/core/ports';
import { makeProjects } from '../../helpers/projects';

const made = new Map<string, CachedProjects>();

/** The same object for the same arguments (callers must not change it): building thousands of projects costs. */
export function cacheVersion(version: number, count: number): CachedProjects {
  const key = `${version}/${count}`;
  const existing = made.get(key);
  if (existing) return existing;
  const data: CachedProjects = {
    fetchedAt: new Date(Date.UTC(2026, 0, 1) + version * 60_000).toISOString(),
    projects: makeProjects(count, version * count),
  };
  made.set(key, data);
  return data;
}

/** Which of `versions` the data is, by full content; undefined when it is none of them. */
export function whichVersion(
  data: CachedProjects | undefined,
  versions: readonly number[],
  count: number,
): number | undefined {
  if (!data) return undefined;
  // Deep equality, not JSON text: the cache's schema parse may order keys differently.
  return versions.find((v) => isDeepStrictEqual(cacheVersion(v, count), data));
}
