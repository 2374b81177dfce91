// Finds the `byline` binary the extension should start. Kept free of the `vscode`
// module so the Node tests can exercise it directly.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** How a user gets the server: the project is installed from a checkout. */
export const INSTALL_COMMAND = 'cargo install --locked --path .';

export type Located =
  | { ok: true; path: string; source: 'setting' | 'PATH' | 'cargo' }
  | { ok: false; message: string };

export interface LocateInput {
  /** The `byline.server.path` setting; empty means "not set". */
  configured?: string;
  /** The PATH the server would be searched on. */
  envPath?: string;
  home?: string;
  /** Where a relative `byline.server.path` is resolved from (the workspace folder). */
  baseDir?: string;
  platform?: NodeJS.Platform;
}

export function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    // Windows has no execute bit; a file with the right name is enough there.
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function locateServer(input: LocateInput): Located {
  const platform = input.platform ?? process.platform;
  const home = input.home ?? os.homedir();
  const exe = platform === 'win32' ? 'byline.exe' : 'byline';

  const configured = input.configured?.trim();
  if (configured) {
    let candidate = expandHome(configured, home);
    if (!path.isAbsolute(candidate) && input.baseDir) candidate = path.resolve(input.baseDir, candidate);
    if (isExecutable(candidate, platform)) return { ok: true, path: candidate, source: 'setting' };
    // A wrong explicit setting is reported, never silently replaced by another binary.
    return {
      ok: false,
      message:
        `Byline: byline.server.path is set to "${configured}", but there is no executable file there. ` +
        'Fix the setting, or clear it to use `byline` from PATH.',
    };
  }

  for (const dir of (input.envPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, exe);
    if (isExecutable(candidate, platform)) return { ok: true, path: candidate, source: 'PATH' };
  }

  // An editor started from a desktop menu often lacks ~/.cargo/bin on its PATH even
  // though `cargo install` put the binary there.
  const cargo = path.join(home, '.cargo', 'bin', exe);
  if (isExecutable(cargo, platform)) return { ok: true, path: cargo, source: 'cargo' };

  return {
    ok: false,
    message:
      'Byline: the language server `byline` was not found on PATH or in ~/.cargo/bin. ' +
      `Install it from a Byline checkout with \`${INSTALL_COMMAND}\`, or set byline.server.path to the binary.`,
  };
}
