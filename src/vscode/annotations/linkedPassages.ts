import * as vscode from 'vscode';
import type { AnnotationView, LinkedPassage } from '../../core/annotations/annotationCard';
import { StatKeyedCache } from '../../core/fs/statKeyedCache';
import { parseSidecar } from '../../core/sidecar/api';
import { setting } from '../settings';
import { WorkspaceFileSystem } from '../workspaceFileSystem';
import type { AnnotationStore } from './annotationStore';
import { linkTarget } from './openAnnotation';
import { sidecarUriFor } from './sidecarPaths';

/** A hover reads at most this many other sidecars to label its links (a card with more names the files). */
const MAX_LINKED_SIDECARS = 5;
/** Sidecars read for labels, kept while unchanged on disk: hovering again only stats them. */
const readQuotes = new StatKeyedCache<ReadonlyMap<string, string>>(32);

const key = (documentUri: string, document: string, annotation: string): string => `${documentUri}\n${document}\n${annotation}`;

/**
 * The quotes of the annotations that the hovered annotations link to, so each link reads as its passage
 * rather than a file name: from the store when the target is open, else from its sidecar on disk (size
 * checked first). Targets outside the workspace, or that cannot be read, keep the file name.
 */
export async function linkedPassages(store: AnnotationStore, views: readonly AnnotationView[]): Promise<LinkedPassage> {
  const found = new Map<string, string>();
  const sidecars = new Map<string, Promise<ReadonlyMap<string, string> | undefined>>();
  const port = new WorkspaceFileSystem();
  for (const v of views) {
    for (const l of v.annotation.links ?? []) {
      if (!l.document || !l.annotation) continue;
      const resolved = linkTarget(vscode.Uri.parse(v.documentUri), l.document);
      if ('why' in resolved) continue;
      const { target } = resolved;
      let quotes = sidecars.get(target.toString());
      if (!quotes) {
        if (sidecars.size >= MAX_LINKED_SIDECARS) continue;
        quotes = quotesOf(store, port, target);
        sidecars.set(target.toString(), quotes);
      }
      const quote = (await quotes)?.get(l.annotation);
      if (quote) found.set(key(v.documentUri, l.document, l.annotation), quote);
    }
  }
  return (documentUri, link) => (link.document && link.annotation ? found.get(key(documentUri, link.document, link.annotation)) : undefined);
}

async function quotesOf(store: AnnotationStore, port: WorkspaceFileSystem, document: vscode.Uri): Promise<ReadonlyMap<string, string> | undefined> {
  const open = store.peek(document);
  if (open) return new Map([...open.annotations.values()].map((a) => [a.id, a.target.quote.exact]));
  try {
    const maxBytes = setting('sidecarMaxBytes');
    const sidecar = sidecarUriFor(document);
    return await readQuotes.get(port, sidecar.toString(), maxBytes, (bytes) => {
      const parsed = parseSidecar(vscode.workspace.asRelativePath(sidecar), bytes, { maxBytes });
      return new Map(parsed.annotations.map((a) => [a.id, a.target.quote.exact]));
    });
  } catch {
    return undefined; // unreadable: the link keeps its file name
  }
}
