/**
 * Where a sidecar's `links[].document` may point. Sidecars come from anyone's repository, and the hover
 * card turns a link into a command that opens a file: `../../../../etc/passwd` must not become one. A link
 * is a relative, normalised '/'-path that stays inside the sidecar's workspace folder.
 */

/** Why a link's document path may not be followed; undefined when it may. Pure string logic (web worker). */
export function linkDocumentProblem(document: string, sidecarFolder?: string): string | undefined {
  if (document.trim() === '') return 'the path is empty';
  if (/[\u0000-\u001f\u007f]/.test(document)) return 'the path contains control characters';
  if (document.includes('\\')) return "the path must use '/' separators";
  if (document.startsWith('/') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(document)) {
    return 'the path must be relative to the sidecar, not absolute or a URI';
  }
  const segments = document.split('/');
  if (segments.some((s) => s === '' || s === '.')) return "the path is not normalised (empty or '.' segments)";
  const firstDown = segments.findIndex((s) => s !== '..');
  if (firstDown === -1 || segments.slice(firstDown).includes('..')) return "the path is not normalised ('..' after a folder name)";
  if (sidecarFolder !== undefined && firstDown > folderDepth(sidecarFolder)) return 'the path leaves the workspace folder';
  return undefined;
}

/** Folders between the workspace folder and the sidecar's folder ('' or '.' is the workspace folder itself). */
function folderDepth(folder: string): number {
  return folder.split('/').filter((s) => s !== '' && s !== '.').length;
}
