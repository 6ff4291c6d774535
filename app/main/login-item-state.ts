// Whether a macOS/Windows login item really starts the app. Pure, unit-tested.

/** The part of Electron's LoginItemSettings this decision reads (the Windows fields are absent elsewhere). */
export interface LoginItemLook {
  openAtLogin: boolean;
  executableWillLaunchAtLogin?: boolean;
  launchItems?: readonly { name: string; enabled: boolean }[];
}

/**
 * Windows: `openAtLogin` only says the Run key exists; "Disabled" in Task Manager (or Settings → Startup apps) keeps
 * it and marks it off in StartupApproved. The entry's own `enabled` says what will happen; when Electron lists no
 * entry by our name, `executableWillLaunchAtLogin` (false when the run key is deactivated) decides.
 * macOS: `openAtLogin`.
 */
export function loginItemEnabled(platform: NodeJS.Platform, look: LoginItemLook, name: string): boolean {
  if (!look.openAtLogin) return false;
  if (platform !== 'win32') return true;
  const entry = look.launchItems?.find((item) => item.name === name);
  if (entry) return entry.enabled;
  return look.executableWillLaunchAtLogin !== false;
}
