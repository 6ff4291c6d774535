// Keychain entry names for an API address, as the core names them (per origin): see app/core/origin-secrets.ts.
import { cacheKeyAccount, masterTokenAccount } from '../../app/core/origin-secrets';
import { cacheFileName } from '../../app/core/project-cache';

export const tokenAccountFor = (baseUrl: string): string => masterTokenAccount(new URL(baseUrl).origin);
export const cacheKeyAccountFor = (baseUrl: string): string => cacheKeyAccount(new URL(baseUrl).origin);
export const cacheFileFor = (baseUrl: string): string => cacheFileName(new URL(baseUrl).origin);
