// The story date in force for a document, and the front-matter edit that sets it.
// No `vscode` import, so the Node tests can check it; the Neovim plugin's
// lua/byline/story_date.lua does the same.
//
// The server says which date is in force through `byline/storyDate` and takes a date
// for one document through `byline/setStoryDate` (docs/lsp-extensions.md of the Byline
// repository). For a server without them (capability experimental.byline.storyDate)
// the date is worked out here by the server's own order: the `storyDate` setting,
// `.byline.toml` `story_date`, front matter, none.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const STORY_DATE_METHOD = 'byline/storyDate';
export const SET_STORY_DATE_METHOD = 'byline/setStoryDate';

export type StoryDateSource = 'document' | 'settings' | 'config' | 'frontMatter' | 'none';

/** The answer of byline/storyDate and byline/setStoryDate. */
export interface StoryDate {
  date: string | null;
  source: StoryDateSource;
  configPath?: string;
}

export const SOURCE_LABELS: Record<StoryDateSource, string> = {
  document: 'set for this story',
  settings: 'settings',
  config: '.byline.toml',
  frontMatter: 'front matter',
  none: 'none',
};

/** Whether the server's InitializeResult capabilities offer the two methods. */
export function serverSupportsStoryDate(capabilities: unknown): boolean {
  const experimental = (capabilities as { experimental?: { byline?: { storyDate?: unknown } } } | undefined)?.experimental;
  return experimental?.byline?.storyDate === true;
}

/** A date as the server reads one (YYYY, YYYY-MM or YYYY-MM-DD, in range), or undefined. */
export function validDate(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(trimmed);
  if (!match) return undefined;
  const [, , month, day] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return undefined;
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) return undefined;
  return trimmed;
}

/** Today as the server counts it (UTC), YYYY-MM-DD. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * A date as the server reads the `storyDate` setting and `.byline.toml` `story_date`
 * (crates/byline-lsp/src/settings.rs `parse_date`): what `validDate` takes, or `today`
 * as today's date. Undefined otherwise.
 */
export function settingDate(text: unknown, now = new Date()): string | undefined {
  if (typeof text === 'string' && text.trim() === 'today') return today(now);
  return validDate(text);
}

/**
 * What "Set Story Date" accepts: YYYY-MM-DD, or `today` as today's date (a
 * front-matter date must stay what it was written as). Undefined otherwise.
 */
export function parseDateArgument(text: string, now = new Date()): string | undefined {
  const trimmed = text.trim();
  if (trimmed === 'today') return today(now);
  return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? validDate(trimmed) : undefined;
}

export interface FrontMatter {
  fence: '---' | '+++';
  /** The closing fence's line (0-based). */
  close: number;
  /** The first `date:` / `date =` line, and the date the server reads from it. */
  dateLine?: number;
  date?: string;
}

const DATE_LINE = /^(date\s*[:=]\s*["']?)(\d{4}(?:-\d{2}(?:-\d{2})?)?)/;

/**
 * Front matter at the top of `lines`, found as src/prose/front_matter.rs finds it:
 * `---` (YAML) or `+++` (TOML) alone on the first line, up to the next such line.
 */
export function frontMatter(lines: string[]): FrontMatter | undefined {
  const fence = lines[0]?.trimEnd();
  if (fence !== '---' && fence !== '+++') return undefined;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trimEnd() !== fence) continue;
    const found: FrontMatter = { fence, close: i };
    for (let j = 1; j < i; j++) {
      const match = DATE_LINE.exec(lines[j]);
      if (match) {
        found.dateLine = j;
        found.date = validDate(match[2]);
        break;
      }
    }
    return found;
  }
  return undefined;
}

/** Replace lines [startLine, endLine) with `newLines`. */
export interface LineEdit {
  startLine: number;
  endLine: number;
  newLines: string[];
}

/**
 * The edit that puts `date` in the front matter of `lines`: an existing date line keeps
 * its key and quotes; front matter without one gets one before its closing fence; a
 * story without front matter gets a YAML one.
 */
export function frontMatterEdit(lines: string[], date: string): LineEdit {
  const found = frontMatter(lines);
  if (!found) return { startLine: 0, endLine: 0, newLines: ['---', `date: ${date}`, '---'] };
  if (found.dateLine !== undefined) {
    const prefix = DATE_LINE.exec(lines[found.dateLine])![1];
    const quote = /["']$/.exec(prefix)?.[0] ?? '';
    return { startLine: found.dateLine, endLine: found.dateLine + 1, newLines: [`${prefix}${date}${quote}`] };
  }
  const key = found.fence === '+++' ? 'date = ' : 'date: ';
  return { startLine: found.close, endLine: found.close, newLines: [`${key}${date}`] };
}

/** `story_date` of the `.byline.toml` governing `file` (the nearest at or above its folder). */
export function configDate(file: string | undefined, now = new Date()): { date: string; configPath: string } | undefined {
  if (!file) return undefined;
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, '.byline.toml');
    let text: string | undefined;
    try {
      if (fs.statSync(candidate).isFile()) text = fs.readFileSync(candidate, 'utf8');
    } catch {
      // not here
    }
    if (text !== undefined) {
      for (const line of text.split(/\r?\n/)) {
        if (/^\s*\[/.test(line)) break; // top-level keys only
        const match = /^\s*story_date\s*=\s*["']([^"']*)["']/.exec(line);
        if (match) {
          const date = settingDate(match[1], now);
          return date ? { date, configPath: candidate } : undefined;
        }
      }
      return undefined;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The date in force by the server's order, without asking the server. */
export function resolveLocally(input: { settingsDate?: unknown; file?: string; text: string; now?: Date }): StoryDate {
  const setting = settingDate(input.settingsDate, input.now);
  if (setting) return { date: setting, source: 'settings' };
  const config = configDate(input.file, input.now);
  if (config) return { date: config.date, source: 'config', configPath: config.configPath };
  const found = frontMatter(input.text.split(/\r?\n/, 200));
  if (found?.date) return { date: found.date, source: 'frontMatter' };
  return { date: null, source: 'none' };
}

/** "2021-10-21 (front matter)", or "no story date". */
export function describeStoryDate(info: StoryDate | null | undefined): string {
  if (!info || typeof info.date !== 'string') return 'no story date';
  return `${info.date} (${SOURCE_LABELS[info.source] ?? info.source})`;
}

/** The date item's text: "$(calendar) 2021-10-21", or "$(calendar) no date". */
export function storyDateText(info: StoryDate): string {
  return `$(calendar) ${typeof info.date === 'string' ? info.date : 'no date'}`;
}

/** The date item's tooltip: where the date comes from, and what a click does. */
export function storyDateTooltip(info: StoryDate): string {
  const where =
    typeof info.date !== 'string'
      ? 'No story date: cards show today\'s roles and outdated titles are not checked.'
      : `Story date ${info.date}, from ${SOURCE_LABELS[info.source] ?? info.source}` +
        (info.configPath ? ` (${info.configPath})` : '') +
        '.';
  return `Byline\n${where}\n\nClick to set the story date.`;
}
