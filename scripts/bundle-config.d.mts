import type { BuildOptions } from 'esbuild';

export interface BundleEntry {
  src: string;
  out: string;
  minify?: boolean;
  banner?: string;
  executable?: boolean;
  /** Whether electron-builder packs this bundle into the app (the CLI is not packaged). */
  packaged: boolean;
}
export const entries: BundleEntry[];
export const common: BuildOptions & { external: string[] };
