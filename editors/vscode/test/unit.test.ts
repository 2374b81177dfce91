// The extension's own logic that does not need VS Code: finding the binary, mapping
// settings, and keeping package.json in step with the server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { INSTALL_COMMAND, expandHome, locateServer } from '../src/locate';
import { CHECK_CODES, serverSettings } from '../src/settings';
import {
  describeStoryDate,
  frontMatter,
  frontMatterEdit,
  parseDateArgument,
  resolveLocally,
  settingDate,
  storyDateText,
  storyDateTooltip,
  validDate,
} from '../src/storyDate';
import { ciede2000, hexToLab } from './colour';

const PACKAGE = JSON.parse(fs.readFileSync('package.json', 'utf8'));

function tempDirWithServer(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-locate-'));
  const exe = path.join(dir, 'byline');
  fs.writeFileSync(exe, '#!/bin/sh\n');
  fs.chmodSync(exe, 0o755);
  return dir;
}

describe('locateServer', () => {
  test('byline.server.path wins, and a relative one resolves from the workspace folder', () => {
    const dir = tempDirWithServer();
    const other = tempDirWithServer();
    assert.deepEqual(locateServer({ configured: 'byline', baseDir: dir, envPath: other, home: '/nonexistent' }), {
      ok: true,
      path: path.join(dir, 'byline'),
      source: 'setting',
    });
  });

  test('a wrong byline.server.path is an error naming it, not a fallback to PATH', () => {
    const onPath = tempDirWithServer();
    const located = locateServer({ configured: '/no/such/byline', envPath: onPath, home: '/nonexistent' });
    assert.equal(located.ok, false);
    assert.match(!located.ok ? located.message : '', /\/no\/such\/byline/);
  });

  test('PATH, then ~/.cargo/bin', () => {
    const onPath = tempDirWithServer();
    assert.equal(locateServer({ envPath: `/nonexistent${path.delimiter}${onPath}`, home: '/nonexistent' }).ok, true);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-home-'));
    fs.mkdirSync(path.join(home, '.cargo'));
    fs.renameSync(tempDirWithServer(), path.join(home, '.cargo', 'bin'));
    const located = locateServer({ envPath: '/nonexistent', home });
    assert.deepEqual(located, { ok: true, path: path.join(home, '.cargo', 'bin', 'byline'), source: 'cargo' });
  });

  test('a file without the execute bit is not a server', () => {
    const dir = tempDirWithServer();
    fs.chmodSync(path.join(dir, 'byline'), 0o644);
    assert.equal(locateServer({ envPath: dir, home: '/nonexistent', platform: 'linux' }).ok, false);
  });

  test('nothing found: the message gives the install command', () => {
    const located = locateServer({ envPath: '/nonexistent', home: '/nonexistent' });
    assert.equal(located.ok, false);
    assert.ok(!located.ok && located.message.includes(INSTALL_COMMAND), !located.ok ? located.message : '');
  });
});

describe('serverSettings', () => {
  test('maps VS Code settings to the server shape; "default" and empty values are left out', () => {
    const values: Record<string, unknown> = {
      kb: ['house.toml', ' ', 42],
      storyDate: ' 2021-10-21 ',
      'checks.misspelled-name': 'error',
      'checks.inconsistent-spelling': 'default',
    };
    const settings = serverSettings((key) => values[key], (p) => `/ws/${p}`);
    assert.deepEqual(settings, {
      byline: { kb: ['/ws/house.toml'], storyDate: '2021-10-21', checks: { 'misspelled-name': 'error' } },
    });
    assert.deepEqual(serverSettings(() => undefined, (p) => p), { byline: { kb: [], checks: {} } });
  });

  test('houseKb goes through the same path resolution as kb: ~ expands (issue 21)', () => {
    const home = '/home/desk';
    const settings = serverSettings(
      (key) => ({ kb: ['~/kb.toml'], houseKb: ' ~/house-kb.toml ' })[key],
      (p) => expandHome(p, home),
    );
    assert.deepEqual(settings.byline.kb, ['/home/desk/kb.toml']);
    assert.equal(settings.byline.houseKb, '/home/desk/house-kb.toml');
    assert.equal(expandHome('~', home), home);
    assert.equal(expandHome('notes/~x', home), 'notes/~x');
  });

  test('every check the extension maps has a setting in package.json, and back', () => {
    const declared = Object.keys(PACKAGE.contributes.configuration.properties)
      .filter((key) => key.startsWith('byline.checks.'))
      .map((key) => key.slice('byline.checks.'.length));
    assert.deepEqual(declared.sort(), [...CHECK_CODES].sort());
  });

  test('every contributed token type has a TextMate scope for its default colour', () => {
    const scopes = PACKAGE.contributes.semanticTokenScopes[0].scopes;
    for (const type of PACKAGE.contributes.semanticTokenTypes) assert.ok(scopes[type.id], type.id);
  });
});

describe('entity colours', () => {
  // Every pair of entity colours must differ by at least this CIEDE2000 distance (about
  // 2 is just noticeable side by side; places and "other" were 9.6 apart in Dark+), and
  // each must differ from the theme's plain text by at least TEXT_DISTANCE.
  const PAIR_DISTANCE = 20;
  const TEXT_DISTANCE = 15;
  // The built-in themes Byline colours, and their editor.foreground.
  const THEMES: Record<string, { kind: 'dark' | 'light'; foreground: string }> = {
    'Default Dark Modern': { kind: 'dark', foreground: '#CCCCCC' },
    'Default Dark+': { kind: 'dark', foreground: '#D4D4D4' },
    'Visual Studio Dark': { kind: 'dark', foreground: '#D4D4D4' },
    'Default Light Modern': { kind: 'light', foreground: '#3B3B3B' },
    'Default Light+': { kind: 'light', foreground: '#000000' },
    'Visual Studio Light': { kind: 'light', foreground: '#000000' },
  };
  const customizations = PACKAGE.contributes.configurationDefaults['editor.semanticTokenColorCustomizations'];
  const types: string[] = PACKAGE.contributes.semanticTokenTypes.map((t: { id: string }) => t.id);

  test('CIEDE2000 matches the published test pairs (Sharma et al. 2005)', () => {
    const pairs: [[number, number, number], [number, number, number], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, -1.3802, -84.2814], [50, 0, -82.7485], 1.0],
      [[50, 2.5, 0], [50, 0, -2.5], 4.3065],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
      [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
    ];
    for (const [a, b, expected] of pairs) assert.ok(Math.abs(ciede2000(a, b) - expected) < 1e-4, `${a} ${b}`);
  });

  test('the built-in dark and light themes each get a colour for every token type', () => {
    assert.deepEqual(Object.keys(customizations).sort(), Object.keys(THEMES).map((t) => `[${t}]`).sort());
    for (const theme of Object.keys(THEMES)) {
      assert.deepEqual(Object.keys(customizations[`[${theme}]`].rules).sort(), [...types].sort(), theme);
    }
  });

  test(`every pair of entity colours is at least ${PAIR_DISTANCE} apart (CIEDE2000), and ${TEXT_DISTANCE} from plain text`, () => {
    const problems: string[] = [];
    for (const [theme, { foreground }] of Object.entries(THEMES)) {
      const rules: Record<string, string> = customizations[`[${theme}]`].rules;
      for (const [i, a] of types.entries()) {
        const text = ciede2000(hexToLab(rules[a]), hexToLab(foreground));
        if (text < TEXT_DISTANCE) problems.push(`${theme}: ${a} ${rules[a]} is ${text.toFixed(1)} from the text ${foreground}`);
        for (const b of types.slice(i + 1)) {
          const distance = ciede2000(hexToLab(rules[a]), hexToLab(rules[b]));
          if (distance < PAIR_DISTANCE) {
            problems.push(`${theme}: ${a} ${rules[a]} and ${b} ${rules[b]} are ${distance.toFixed(1)} apart`);
          }
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test('dark and light themes agree among themselves', () => {
    for (const kind of ['dark', 'light']) {
      const rules = Object.entries(THEMES)
        .filter(([, t]) => t.kind === kind)
        .map(([name]) => JSON.stringify(customizations[`[${name}]`].rules));
      assert.equal(new Set(rules).size, 1, kind);
    }
  });
});

describe('story date', () => {
  /** Applies a LineEdit to lines. */
  function apply(lines: string[], edit: ReturnType<typeof frontMatterEdit>): string[] {
    return [...lines.slice(0, edit.startLine), ...edit.newLines, ...lines.slice(edit.endLine)];
  }

  test('dates as the server reads them; the command takes YYYY-MM-DD or today', () => {
    assert.equal(validDate('2021-10-21'), '2021-10-21');
    assert.equal(validDate('2021-10'), '2021-10');
    assert.equal(validDate('2021'), '2021');
    for (const bad of ['2021-13-01', '2021-10-32', '21-10-2021', '2021-1-1', '', 'today', 42]) {
      assert.equal(validDate(bad), undefined, String(bad));
    }
    const now = new Date('2026-11-28T23:30:00Z');
    assert.equal(parseDateArgument(' today ', now), '2026-11-28');
    assert.equal(parseDateArgument('2021-10-21', now), '2021-10-21');
    assert.equal(parseDateArgument('2021-10', now), undefined);
    assert.equal(parseDateArgument('2021-02-30x', now), undefined);
  });

  test('front matter is found as the server finds it (src/prose/front_matter.rs)', () => {
    assert.deepEqual(frontMatter(['---', 'title: x', 'date: "2021-10-21"', '---', 'Body']), {
      fence: '---',
      close: 3,
      dateLine: 2,
      date: '2021-10-21',
    });
    // The first line that matches `date: <digits>`; a date in another key is not it.
    assert.equal(frontMatter(['---', 'date: tbd', 'updated: 2020-01-01', 'date: 2019-05', '---'])?.date, '2019-05');
    assert.equal(frontMatter(['+++', 'date = 2020-01-02T10:00:00Z', '+++'])?.date, '2020-01-02');
    assert.equal(frontMatter(['---', 'date: 2021-13-01', '---'])?.date, undefined);
    assert.equal(frontMatter(['---', 'no end']), undefined);
    assert.equal(frontMatter(['----', 'date: 2021-10-21', '----']), undefined);
  });

  test('the front-matter edit replaces the date, adds one before the fence, or adds front matter', () => {
    const quoted = ['---', 'title: x', "date: '2021-10-21'", '---', 'Body'];
    assert.deepEqual(apply(quoted, frontMatterEdit(quoted, '2023-03-04')), ['---', 'title: x', "date: '2023-03-04'", '---', 'Body']);
    const undated = ['---', 'title: x', '---', 'Body'];
    assert.deepEqual(apply(undated, frontMatterEdit(undated, '2023-03-04')), ['---', 'title: x', 'date: 2023-03-04', '---', 'Body']);
    const toml = ['+++', 'title = "x"', '+++', 'Body'];
    assert.deepEqual(apply(toml, frontMatterEdit(toml, '2023-03-04')), ['+++', 'title = "x"', 'date = 2023-03-04', '+++', 'Body']);
    const bare = ['# Story', 'Body'];
    assert.deepEqual(apply(bare, frontMatterEdit(bare, '2023-03-04')), ['---', 'date: 2023-03-04', '---', '# Story', 'Body']);
    // What the edit writes, the server reads back.
    for (const lines of [quoted, undated, toml, bare]) {
      assert.equal(frontMatter(apply(lines, frontMatterEdit(lines, '2023-03-04')))?.date, '2023-03-04');
    }
  });

  test('without the server: settings, then .byline.toml, then front matter, then none', () => {
    const desk = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-desk-'));
    fs.mkdirSync(path.join(desk, 'world'));
    const file = path.join(desk, 'world', 'story.md');
    const text = '---\ndate: 2021-10-21\n---\nMoscow.\n';
    assert.deepEqual(resolveLocally({ file, text }), { date: '2021-10-21', source: 'frontMatter' });
    assert.deepEqual(resolveLocally({ file, text: 'Moscow.' }), { date: null, source: 'none' });
    fs.writeFileSync(path.join(desk, '.byline.toml'), 'kb = []\nstory_date = "2020-01-02"\n[checks]\n');
    assert.deepEqual(resolveLocally({ file, text }), {
      date: '2020-01-02',
      source: 'config',
      configPath: path.join(desk, '.byline.toml'),
    });
    assert.deepEqual(resolveLocally({ settingsDate: '2022-02-24', file, text }), { date: '2022-02-24', source: 'settings' });
    // A key inside a table is not the top-level story_date.
    fs.writeFileSync(path.join(desk, '.byline.toml'), '[checks]\nstory_date = "2020-01-02"\n');
    assert.equal(resolveLocally({ file, text }).source, 'frontMatter');
  });

  test('the storyDate setting takes what the server takes (today, YYYY, YYYY-MM, YYYY-MM-DD) and only that', () => {
    // crates/byline-lsp/src/settings.rs parse_date; docs/lsp-extensions.md.
    const setting = PACKAGE.contributes.configuration.properties['byline.storyDate'];
    const pattern = new RegExp(setting.pattern);
    for (const good of ['', 'today', ' today ', '2021', '2021-10', '2021-10-21']) {
      assert.ok(pattern.test(good), `the settings editor refuses ${JSON.stringify(good)}: ${setting.pattern}`);
    }
    for (const bad of ['yesterday', '21-10-2021', '2021-1-1', '2021/10/21', 'Today']) {
      assert.ok(!pattern.test(bad), `the settings editor accepts ${JSON.stringify(bad)}`);
    }
    assert.match(setting.patternErrorMessage, /today/);
    assert.match(setting.markdownDescription, /`today`/);
  });

  test('without the server, a storyDate setting of "today" is today (as the server reads it)', () => {
    const now = new Date('2026-11-28T23:30:00Z');
    assert.equal(settingDate(' today ', now), '2026-11-28');
    assert.equal(settingDate('2021-10', now), '2021-10');
    assert.equal(settingDate('yesterday', now), undefined);
    const text = '---\ndate: 2021-10-21\n---\nMoscow.\n';
    assert.deepEqual(resolveLocally({ settingsDate: 'today', text, now }), { date: '2026-11-28', source: 'settings' });
  });

  test('the houseKb description names the file the server falls back to and offers to create', () => {
    // crates/byline-lsp/src/state.rs house_kb_for: houseKb, the `.byline.toml` kb file, then
    // .byline/house-kb.toml under the workspace root, created on the first addition.
    const description: string = PACKAGE.contributes.configuration.properties['byline.houseKb'].markdownDescription;
    assert.match(description, /\.byline\/house-kb\.toml/);
    assert.match(description, /\.byline\.toml/);
    assert.doesNotMatch(description, /first `byline\.kb` file/);
  });

  test('the status-bar item and the messages name the date and where it comes from', () => {
    const info = { date: '2021-10-21', source: 'frontMatter' as const };
    assert.equal(storyDateText(info), '$(calendar) 2021-10-21');
    assert.match(storyDateTooltip(info), /Story date 2021-10-21, from front matter\./);
    assert.equal(describeStoryDate(info), '2021-10-21 (front matter)');
    assert.equal(describeStoryDate({ date: '2021-10-21', source: 'document' }), '2021-10-21 (set for this story)');
    assert.equal(storyDateText({ date: null, source: 'none' }), '$(calendar) no date');
    assert.equal(describeStoryDate({ date: null, source: 'none' }), 'no story date');
  });
});
