import * as vscode from 'vscode';
import { registerAnnotationQuickFixes } from './annotations/annotationQuickFixes';
import { annotationUnderCursor, registerAnnotateCommands } from './annotations/annotateCommands';
import { registerAnnotationDecorations } from './annotations/annotationDecorations';
import { AnnotationStore } from './annotations/annotationStore';
import { CodebookService } from './annotations/codebookService';
import { registerLinkCommand } from './annotations/linkCommand';
import { registerNewCodeCommand } from './annotations/newCodeCommand';
import { registerNoteEditor } from './annotations/noteEditor';
import { registerOpenAnnotation } from './annotations/openAnnotation';
import { registerOrphanDiagnostics } from './annotations/orphanDiagnostics';
import { registerReattachCommand } from './annotations/reattachCommand';
import { registerCompareCoders } from './coders/compareCoders';
import { registerComparePlans } from './compare/compareCommand';
import { registerCounterpartDefinitions } from './counterpartDefinitions';
import { registerCounterpartLenses } from './counterpartLenses';
import { DocumentAnalysis } from './documentAnalysis';
import { registerDraftPlanCommand } from './draftPlanCommand';
import { registerExplorer, type ExplorerApi } from './explorer/explorerView';
import type { EditorPlatform } from './editorPlatform';
import { registerDocumentSymbols } from './documentSymbols';
import { registerHoverProvider } from './hoverProvider';
import { registerExportAnnotations } from './interchange/exportAnnotations';
import { registerImportAnnotations } from './interchange/importAnnotations';
import { registerJumpToCounterpart } from './jumpToCounterpart';
import { KnowledgePackService } from './knowledgePackService';
import { useLogChannel } from './logger';
import { isPolicyLanguage } from './languages';
import { registerLanguageSwitch } from './languageSwitch';
import { MentionService } from './mentions/mentionService';
import { DocumentThemeChoices } from './themeDecorations/documentChoices';
import { ThemeDecorations, type ThemeDecorationsApi } from './themeDecorations/themeDecorations';
import { registerThemeDocumentCommands } from './themeDecorations/themeDocumentCommands';
import { registerOpenProvision } from './openProvision';
import { PlanLocator } from './planLocator';
import { registerStatusBar } from './statusBar';
import { registerSuggestionCommands } from './suggestions/suggestionCommands';
import { SuggestionService } from './suggestions/suggestionService';
import { registerThemeLegend } from './themeLegend';
import { registerVirtualPlanDocuments } from './virtualPlanDocuments';
import { registerWrappedPhraseDecorations } from './wrappedPhraseDecorations';

/** What activate() returns: used by the extension-host tests and for start-up measurements. */
export interface PolicyLensApi {
  readonly activationMs: number;
  /** The annotations explorer (the extension-host tests read its rows). */
  readonly explorer: ExplorerApi;
  /** Theme decorations in Markdown and plain-text documents (the extension-host tests read them). */
  readonly themes: ThemeDecorationsApi;
}

/**
 * Wires the features together, for either entry (desktop: src/extension.ts, web: src/webExtension.ts); the
 * knowledge pack is read on first use, not here.
 */
export function activatePolicyLens(context: vscode.ExtensionContext, platform: EditorPlatform): PolicyLensApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Policy Lens', { log: true });
  context.subscriptions.push(useLogChannel(log));
  const packs = new KnowledgePackService(packUri(context), log, platform);
  const analysis = new DocumentAnalysis(packs);
  const locator = new PlanLocator(packs, analysis);
  const codebook = new CodebookService(packs);
  // Annotations live beside real files; the read-only plan renderings have none.
  const store = new AnnotationStore(log, (d) => isPolicyLanguage(d.languageId) && d.uri.scheme !== 'policy-lens', context.workspaceState, platform.fileSystem);
  codebook.writesAllowed = () => store.writesAllowed();
  const explorer = registerExplorer(store, codebook, analysis, platform.fileSystem);
  const suggestions = new SuggestionService(packs, platform.fileSystem);
  const mentions = new MentionService(packs);
  const themeChoices = new DocumentThemeChoices(context.workspaceState);
  const themes = new ThemeDecorations(packs, analysis, mentions, themeChoices, context.extension);
  const reading = { mentions, themesShown: (d: vscode.TextDocument) => isPolicyLanguage(d.languageId) || themes.mechanismOf(d) === 'decorations' };
  context.subscriptions.push(
    log,
    packs,
    analysis,
    locator,
    codebook,
    store,
    registerVirtualPlanDocuments(packs),
    suggestions,
    mentions,
    themeChoices,
    themes,
    registerThemeDocumentCommands(themeChoices, themes),
    registerHoverProvider(analysis, store, codebook, reading, suggestions),
    registerDocumentSymbols(analysis, mentions),
    registerCounterpartDefinitions(analysis, locator, mentions),
    registerCounterpartLenses(analysis, locator),
    registerJumpToCounterpart(analysis, locator, store, mentions, suggestions),
    registerSuggestionCommands(packs, suggestions, analysis, platform.fileSystem),
    registerAnnotateCommands(store, codebook, platform.userName, async (d, p) => (await analysis.provisionAt(d, p)).located?.provision.themes ?? []),
    registerNewCodeCommand(codebook),
    registerNoteEditor(store, (editor, id) => annotationUnderCursor(store, editor, id)),
    registerLinkCommand(store, codebook, packs, platform),
    registerReattachCommand(store),
    registerOpenAnnotation(store),
    registerAnnotationDecorations(store, codebook),
    registerOrphanDiagnostics(store),
    registerAnnotationQuickFixes(store),
    registerCompareCoders(store),
    registerOpenProvision(packs, locator),
    registerLanguageSwitch(analysis),
    registerStatusBar(analysis, store),
    registerWrappedPhraseDecorations(packs, context.extension),
    registerThemeLegend(packs),
    registerDraftPlanCommand(packs),
    registerExportAnnotations(packs, platform.fileSystem),
    registerImportAnnotations(packs, codebook, platform.fileSystem),
    explorer.disposable,
    registerComparePlans(context, packs, store, codebook),
  );
  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, explorer: explorer.api, themes };
}

/** The bundled knowledge pack's folder in the extension. */
export function packUri(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'annotations');
}
