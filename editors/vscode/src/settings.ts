// Turns the extension's settings into the object the server reads from
// initializationOptions and workspace/didChangeConfiguration:
// {"byline": {"kb": [...], "storyDate": "YYYY-MM-DD", "checks": {"<code>": "<severity>"}}}.
// No `vscode` import, so the tests can check the mapping under plain Node.

/** The checks the server implements; each has a `byline.checks.<code>` setting. */
export const CHECK_CODES = ['misspelled-name', 'inconsistent-spelling'] as const;

const SEVERITIES = new Set(['off', 'information', 'warning', 'error']);

export interface ServerSettings {
  byline: {
    kb: string[];
    storyDate?: string;
    houseKb?: string;
    checks: Record<string, string>;
  };
}

/** Reads one key under `byline.` (e.g. "kb", "checks.misspelled-name"). */
export type ReadSetting = (key: string) => unknown;

export function serverSettings(read: ReadSetting, resolvePath: (p: string) => string): ServerSettings {
  const kbSetting = read('kb');
  const kb = Array.isArray(kbSetting)
    ? kbSetting.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => resolvePath(p.trim()))
    : [];

  const settings: ServerSettings = { byline: { kb, checks: {} } };

  const storyDate = read('storyDate');
  if (typeof storyDate === 'string' && storyDate.trim() !== '') {
    // Sent as typed: the server validates it and says what is wrong.
    settings.byline.storyDate = storyDate.trim();
  }

  const houseKb = read('houseKb');
  if (typeof houseKb === 'string' && houseKb.trim() !== '') {
    settings.byline.houseKb = resolvePath(houseKb.trim());
  }

  for (const code of CHECK_CODES) {
    const level = read(`checks.${code}`);
    // "default" (or nothing) is left out so `.byline.toml` and the server's own
    // defaults decide; the editor setting only overrides when the user chose a level.
    if (typeof level === 'string' && SEVERITIES.has(level)) settings.byline.checks[code] = level;
  }
  return settings;
}
