import * as path from 'path';

/** Paths shared by the plain-Node test suites (compiled to out/test/…, so the repo is three levels up). */
export const REPO = path.resolve(__dirname, '..', '..');
export const SHARED = path.resolve(REPO, '..', 'shared');
export const CORPUS_US = path.join(SHARED, 'corpus', 'us-ai-action-plan-2025.pdftotext-layout.txt');
export const SAMPLE_US = path.join(REPO, 'samples', 'plans', 'us-ai-action-plan-2025.policy.md');
export const SAMPLE_CN = path.join(REPO, 'samples', 'plans', 'cn-global-ai-governance-2025.txt');
export const PACK_DIR = path.join(REPO, 'annotations');
export const FIXTURES = path.join(REPO, 'test', 'fixtures');
export const CLI = path.join(REPO, 'dist', 'cli.js');
