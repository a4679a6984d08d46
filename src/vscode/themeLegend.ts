import * as vscode from 'vscode';
import type { Theme } from '../core/data/model';
import { CommandId } from './commandIds';
import type { KnowledgePackService } from './knowledgePackService';
import { reportError } from './errors';
import { SETTINGS_SECTION } from './settingDefaults';
import { setting } from './settings';

interface ThemeItem extends vscode.QuickPickItem {
  readonly themeId: string;
}

/** A colour swatch as an icon: a data URI, so it works the same on the desktop and on the web. */
function swatch(colour: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect x="2" y="2" width="12" height="12" rx="3" fill="${colour}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`);
}

export function themeItems(themes: readonly Theme[], hidden: ReadonlySet<string>): ThemeItem[] {
  return themes.map((t) => ({
    themeId: t.id,
    label: t.label,
    description: t.id,
    detail: t.description,
    picked: !hidden.has(t.id),
    iconPath: { dark: swatch(t.colour.dark), light: swatch(t.colour.light) },
  }));
}

/**
 * The legend: every theme with its colour, checked when highlighted. Unchecking hides a theme (the
 * checkbox at the top toggles all); the choice is the `policyLens.themes.hidden` setting, kept per user.
 */
export function registerThemeLegend(packs: KnowledgePackService): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.showThemes, async (): Promise<readonly string[] | undefined> => {
    try {
      const { pack } = await packs.get();
      const hidden = new Set(setting('themes.hidden'));
      const picked = await vscode.window.showQuickPick(themeItems(pack.themes, hidden), {
        canPickMany: true,
        title: vscode.l10n.t('Policy Lens: themes (checked ones are highlighted)'),
        placeHolder: vscode.l10n.t('Uncheck a theme to stop highlighting it; the box at the top checks or unchecks all'),
        matchOnDescription: true,
      });
      if (!picked) return undefined;
      const shown = new Set(picked.map((i) => i.themeId));
      // Ids of themes from another pack stay as they were: only the themes listed here change.
      const others = [...hidden].filter((id) => !pack.theme(id));
      const next = [...others, ...pack.themes.filter((t) => !shown.has(t.id)).map((t) => t.id)];
      const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
      // Where the value is set now, so the change takes effect: the workspace's if it has one, else the user's.
      const target = config.inspect('themes.hidden')?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await config.update('themes.hidden', next, target);
      return next;
    } catch (err) {
      return reportError(err);
    }
  });
}
