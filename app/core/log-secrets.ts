// Tells the logger's redactor about every secret the core handles, at the two doors they come in by: the
// keychain (the Master token, the cache key) and the projects (license keys and project API tokens, from the
// server or the offline copy). Whatever is then logged, these are masked.
import type { Project } from './model';
import type { FetchProjects, Logger, SecretStore } from './ports';

export function registerProjectSecrets(logger: Logger, projects: readonly Project[]): void {
  for (const p of projects) {
    if (p.licenseKey) logger.addSecret(p.licenseKey);
    for (const t of p.apiTokens) logger.addSecret(t.token);
  }
}

/** The same store; every secret read or written is registered with the logger first. */
export function secretStoreRegisteringSecrets(store: SecretStore, logger: Logger): SecretStore {
  return {
    async get(account) {
      const secret = await store.get(account);
      if (secret) logger.addSecret(secret);
      return secret;
    },
    async set(account, secret) {
      logger.addSecret(secret);
      await store.set(account, secret);
    },
    delete: (account) => store.delete(account),
  };
}

/** The same fetch; the token sent and every project secret received are registered with the logger. */
export function fetchRegisteringSecrets(fetchProjects: FetchProjects, logger: Logger): FetchProjects {
  return async (request) => {
    logger.addSecret(request.token);
    const projects = await fetchProjects(request);
    registerProjectSecrets(logger, projects);
    return projects;
  };
}
