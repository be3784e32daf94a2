/**
 * `npm run conformance:refresh`: copies the public conformance vectors (botocore's protocol,
 * endpoint-rule and config suites, the AWS SigV4 suite; Apache-2.0, with their LICENSE, NOTICE
 * and SOURCE files) from ../shared/conformance into spec/conformance/vectors/, the copy the
 * test suites read. Run it when the shared vectors change, and commit the result.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const FROM = path.resolve(ROOT, process.argv[2] ?? '../shared/conformance');
const TO = path.join(ROOT, 'spec/conformance/vectors');

if (!fs.existsSync(path.join(FROM, 'README.md'))) {
  console.error(`refresh-conformance: ${FROM} does not look like the conformance folder (no README.md)`);
  process.exit(1);
}
fs.rmSync(TO, { recursive: true, force: true });
// The shared README describes the workspace; the copy gets its own (below) instead.
fs.cpSync(FROM, TO, { recursive: true, filter: (src) => path.relative(FROM, src) !== 'README.md' });
fs.writeFileSync(
  path.join(TO, 'README.md'),
  [
    '# Conformance vectors (test data, copied)',
    '',
    'Public test vectors the suites in spec/conformance/ run, copied here by',
    '`npm run conformance:refresh` (scripts/refresh-conformance.ts). Do not edit them by hand.',
    '',
    '- protocols/: botocore protocol compliance suites (input/, output/, legacy/), Apache-2.0',
    '- endpoint-rules/: botocore endpoint rule sets with their test cases, Apache-2.0',
    '- config/: botocore configured-endpoint-URL cases, Apache-2.0',
    '- sigv4/: the AWS SigV4 test suite, Apache-2.0',
    '',
    'Each folder keeps its LICENSE, NOTICE and SOURCE files as published.',
    '',
  ].join('\n'),
);
let files = 0;
const count = (dir: string): void => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) count(path.join(dir, e.name));
    else files++;
  }
};
count(TO);
// The shared copy is read-only; the repository's copy must stay writable for the next refresh.
const makeWritable = (dir: string): void => {
  fs.chmodSync(dir, 0o755);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) makeWritable(p);
    else fs.chmodSync(p, 0o644);
  }
};
makeWritable(TO);
console.log(`refresh-conformance: ${files} files copied from ${FROM} to ${path.relative(ROOT, TO)}`);
