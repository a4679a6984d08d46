import * as vscode from 'vscode';
import { SETTING_CHOICES, SETTING_DEFAULTS, SETTINGS_SECTION, type PolicyLensSettings } from './settingDefaults';

export type { PolicyLensSettings } from './settingDefaults';

/**
 * One setting, read in this one place: the user's value when it has the default's type (a hand-edited
 * settings.json may hold anything), else the default. `scope` for resource-scoped settings.
 */
export function setting<K extends keyof PolicyLensSettings>(key: K, scope?: vscode.ConfigurationScope): PolicyLensSettings[K] {
  const fallback = SETTING_DEFAULTS[key];
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<unknown>(key);
  if (typeof value !== typeof fallback) return fallback;
  if (typeof value === 'number' && !(Number.isFinite(value) && value > 0)) return fallback;
  const choices = SETTING_CHOICES[key] as readonly unknown[] | undefined;
  if (choices && !choices.includes(value)) return fallback;
  if (Array.isArray(fallback) && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) return fallback;
  return value as PolicyLensSettings[K];
}

/** Whether a configuration change touches the setting (or, for `statusBar`, `wrappedPhrases`: its group). */
export function affectsSetting(e: vscode.ConfigurationChangeEvent, key: keyof PolicyLensSettings | 'statusBar' | 'wrappedPhrases' | 'themes', scope?: vscode.ConfigurationScope): boolean {
  return e.affectsConfiguration(`${SETTINGS_SECTION}.${key}`, scope);
}
