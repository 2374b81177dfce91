// The extension's own logic that does not need VS Code: finding the binary, mapping
// settings, and keeping package.json in step with the server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { INSTALL_COMMAND, locateServer } from '../src/locate';
import { CHECK_CODES, serverSettings } from '../src/settings';

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
