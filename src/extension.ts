import * as vscode from 'vscode';
import { registerAnnotateCommands } from './vscode/annotations/annotateCommands';
import { registerAnnotationDecorations } from './vscode/annotations/annotationDecorations';
import { AnnotationStore } from './vscode/annotations/annotationStore';
import { CodebookService } from './vscode/annotations/codebookService';
import { registerLinkCommand } from './vscode/annotations/linkCommand';
import { registerOpenAnnotation } from './vscode/annotations/openAnnotation';
import { registerOrphanDiagnostics } from './vscode/annotations/orphanDiagnostics';
import { registerReattachCommand } from './vscode/annotations/reattachCommand';
import { registerCounterpartDefinitions } from './vscode/counterpartDefinitions';
import { DocumentAnalysis } from './vscode/documentAnalysis';
import { registerDraftPlanCommand } from './vscode/draftPlanCommand';
import { registerDocumentSymbols } from './vscode/documentSymbols';
import { registerHoverProvider } from './vscode/hoverProvider';
import { registerJumpToCounterpart } from './vscode/jumpToCounterpart';
import { KnowledgePackService } from './vscode/knowledgePackService';
import { useLogChannel } from './vscode/logger';
import { isPolicyLanguage } from './vscode/languages';
import { registerLanguageSwitch } from './vscode/languageSwitch';
import { registerOpenProvision } from './vscode/openProvision';
import { PlanLocator } from './vscode/planLocator';
import { registerStatusBar } from './vscode/statusBar';
import { registerVirtualPlanDocuments } from './vscode/virtualPlanDocuments';
import { registerWrappedPhraseDecorations } from './vscode/wrappedPhraseDecorations';

/** What activate() returns: used by the extension-host tests and for start-up measurements. */
export interface PolicyLensApi {
  readonly activationMs: number;
}

/** Wires the features together; the knowledge pack is read on first use, not here. */
export function activate(context: vscode.ExtensionContext): PolicyLensApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Policy Lens', { log: true });
  context.subscriptions.push(useLogChannel(log));
  const packs = new KnowledgePackService(vscode.Uri.joinPath(context.extensionUri, 'annotations'), log);
  const analysis = new DocumentAnalysis(packs);
  const locator = new PlanLocator(packs, analysis);
  const codebook = new CodebookService(packs);
  // Annotations live beside real files; the read-only plan renderings have none.
  const store = new AnnotationStore(log, (d) => isPolicyLanguage(d.languageId) && d.uri.scheme !== 'policy-lens', context.workspaceState);
  codebook.writesAllowed = () => store.writesAllowed();
  context.subscriptions.push(
    log,
    packs,
    analysis,
    locator,
    codebook,
    store,
    registerVirtualPlanDocuments(packs),
    registerHoverProvider(analysis, store, codebook),
    registerDocumentSymbols(analysis),
    registerCounterpartDefinitions(analysis, locator),
    registerJumpToCounterpart(analysis, locator, store),
    registerAnnotateCommands(store, codebook),
    registerLinkCommand(store, codebook, packs),
    registerReattachCommand(store),
    registerOpenAnnotation(store),
    registerAnnotationDecorations(store, codebook),
    registerOrphanDiagnostics(store),
    registerOpenProvision(packs, locator),
    registerLanguageSwitch(analysis),
    registerStatusBar(analysis),
    registerWrappedPhraseDecorations(packs, context.extension),
    registerDraftPlanCommand(packs),
  );
  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
