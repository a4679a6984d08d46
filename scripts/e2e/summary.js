// summary.js - the contract between the harness and the extension-host suite about the summary file.
//
// Why: an extension-test run can "pass" without testing anything (the suite module failed to load and the host
// exited 0, a glob matched no files, VS Code never started, a launcher script returned at once ...). The harness
// therefore accepts a run only with positive evidence written by the suite itself, to a path it chose freshly for
// this run and passed in env POLICY_LENS_E2E_SUMMARY (set on the code-server / VS Code process; the extension host
// inherits it). No side effects on require (run.js uses it without the process plumbing of common.js).
'use strict';
const fs = require('fs');

const SUMMARY_CONTRACT = `The suite (extensionTestsPath module) must, before its run() promise settles, write JSON to the file named by
env POLICY_LENS_E2E_SUMMARY:  {"total": <int>, "passed": <int>, "failed": <int>, "pending": <int, optional>,
"failures": [{"title": "...", "error": "..."}] (optional)}  with total = passed + failed (tests that ran, pending
excluded). The harness fails the run if the file is missing or malformed, if total < 1 (or < POLICY_LENS_E2E_MIN_TESTS),
if failed > 0, or if run() rejected.`;

/** Validate the suite's summary file; returns { ok, summary, problems }. */
function checkSummary(file, { minTests = Number(process.env.POLICY_LENS_E2E_MIN_TESTS || 1) } = {}) {
  const problems = [];
  let s = null;
  if (!fs.existsSync(file)) problems.push(`summary file ${file} was not written - the suite did not run (or does not implement the POLICY_LENS_E2E_SUMMARY contract)`);
  else {
    try { s = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) { problems.push(`summary file is not JSON: ${e.message}`); }
    if (!problems.length && (!s || typeof s !== 'object' || Array.isArray(s))) { problems.push('summary is not a JSON object'); s = null; }
  }
  if (s) {
    const isInt = (v) => Number.isInteger(v) && v >= 0;
    for (const k of ['total', 'passed', 'failed']) if (!isInt(s[k])) problems.push(`summary.${k} must be a non-negative integer (got ${JSON.stringify(s[k])})`);
    if (!problems.length) {
      if (s.total !== s.passed + s.failed) problems.push(`summary.total (${s.total}) != passed (${s.passed}) + failed (${s.failed})`);
      if (s.total < minTests) problems.push(`only ${s.total} test(s) ran (minimum ${minTests}) - an empty suite is a failure`);
      if (s.failed > 0) problems.push(`${s.failed} test(s) failed`);
    }
  }
  return { ok: problems.length === 0 && s !== null, summary: s, problems };
}

function describeSummary(s) {
  if (!s) return 'no summary';
  return `${s.total} ran: ${s.passed} passed, ${s.failed} failed` + (s.pending ? `, ${s.pending} pending` : '');
}

module.exports = { SUMMARY_CONTRACT, checkSummary, describeSummary };
