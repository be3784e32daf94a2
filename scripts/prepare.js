#!/usr/bin/env node
/**
 * npm's `prepare` hook: builds dist/ unless it is already newer than every source file.
 *
 * npm runs `prepare` on a plain `npm install`/`npm ci` here, and twice when botojs is installed
 * from a git URL (once by the `npm install` inside the clone, once before packing the clone).
 * A git install must build (its clone has no dist/), but the second run finds dist/ fresh and
 * skips, as does a `npm pack`, whose `prepack` has just made a clean build.
 *
 * Plain JavaScript: it runs before anything is compiled.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const built = path.join(root, 'dist', 'index.js');
const inputs = Math.max(newestMtime(path.join(root, 'src')), ...['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle.js'].map((f) => fs.statSync(path.join(root, f)).mtimeMs));
if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= inputs) {
  console.error('prepare: dist/ is newer than src/, not rebuilding'); // stderr: keeps `npm pack --json` clean
} else {
  // npm_execpath is the npm that runs this hook; fall back to the one on PATH.
  const npm = process.env.npm_execpath;
  const result = npm ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' }) : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exitCode = result.status ?? 1;
}
