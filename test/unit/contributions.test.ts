import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { CommandId, DESKTOP_ONLY_COMMANDS, DESKTOP_ONLY_WHEN } from '../../src/vscode/commandIds';
import { SETTING_DEFAULTS, SETTINGS_SECTION } from '../../src/vscode/settingDefaults';
import { localizedManifest } from '../manifest';
import { REPO } from '../paths';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    keybindings: { command: string }[];
    configuration: { properties: Record<string, { type: string; default: unknown }> };
  };
}

/** package.json's contributions and the code agree: one list of command ids, one typed settings accessor. */
describe('package.json contributions match the code', () => {
  const manifest = localizedManifest<Manifest>();
  const ids = Object.values(CommandId) as string[];

  it('every contributed command is in CommandId, and every CommandId is contributed', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.deepStrictEqual([...contributed].sort(), [...ids].sort());
    assert.strictEqual(new Set(ids).size, ids.length, 'no id twice');
  });

  it('menus and keybindings name only our commands', () => {
    const used = [...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.keybindings].map((m) => m.command);
    for (const c of used) assert.ok(ids.includes(c), `${c} is not in CommandId`);
  });

  it('desktop-only commands are hidden on the web and in virtual workspaces; no other command is', () => {
    const entries = Object.entries(manifest.contributes.menus).flatMap(([menu, items]) => items.map((i) => ({ menu, ...i })));
    for (const id of DESKTOP_ONLY_COMMANDS) {
      const palette = entries.find((e) => e.menu === 'commandPalette' && e.command === id);
      assert.ok(palette?.when?.includes(DESKTOP_ONLY_WHEN), `${id}: the command palette hides it with ${DESKTOP_ONLY_WHEN}`);
      for (const e of entries.filter((x) => x.command === id)) assert.ok(e.when?.includes(DESKTOP_ONLY_WHEN), `${id} in ${e.menu}`);
    }
    for (const e of entries.filter((x) => !DESKTOP_ONLY_COMMANDS.includes(x.command as CommandId))) {
      assert.ok(!/shellExecutionSupported|virtualWorkspace/.test(e.when ?? ''), `${e.command} in ${e.menu} works on the web and is not hidden there`);
    }
  });

  it('capabilities say what works in virtual and untrusted workspaces', () => {
    const caps = (manifest as unknown as { capabilities: { virtualWorkspaces: unknown; untrustedWorkspaces: { supported: unknown; description?: string } } }).capabilities;
    // Everything but the desktop-only commands works on a virtual file system (the web suite runs on one).
    if (DESKTOP_ONLY_COMMANDS.length === 0) assert.strictEqual(caps.virtualWorkspaces, true);
    else assert.strictEqual((caps.virtualWorkspaces as { supported?: unknown }).supported, 'limited', 'desktop-only commands make it limited, with a description');
    assert.strictEqual(caps.untrustedWorkspaces.supported, 'limited');
    assert.match(caps.untrustedWorkspaces.description ?? '', /only when you confirm/);
  });

  it('the settings accessor has exactly the contributed policyLens.* settings, with their types and defaults', () => {
    const properties = manifest.contributes.configuration.properties;
    const contributed = Object.keys(properties).map((k) => {
      assert.ok(k.startsWith(`${SETTINGS_SECTION}.`), k);
      return k.slice(SETTINGS_SECTION.length + 1);
    });
    assert.deepStrictEqual([...contributed].sort(), Object.keys(SETTING_DEFAULTS).sort());
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
      const p = properties[`${SETTINGS_SECTION}.${key}`]!;
      assert.deepStrictEqual(p.default, value, `${key} default`);
      assert.strictEqual(p.type, Array.isArray(value) ? 'array' : typeof value, `${key} type`);
    }
  });

  it('the README settings table lists the same settings and defaults', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `policyLens\.([\w.]+)` \| `([^`]*)` \|/gm)].map((m) => [m[1]!, m[2]!]);
    assert.deepStrictEqual(
      rows.sort(),
      Object.entries(SETTING_DEFAULTS).map(([k, v]) => [k, typeof v === 'string' || Array.isArray(v) ? JSON.stringify(v) : String(v)]).sort(),
    );
  });
});
