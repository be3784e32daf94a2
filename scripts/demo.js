#!/usr/bin/env node
/**
 * `npm run demo`'s entry, in plain JavaScript so it can speak at once: loading ts-node and the
 * TypeScript compiler takes a second or two before scripts/demo.ts could print anything.
 */
const started = Date.now();
console.log('botojs demo: starting...');
require('ts-node').register({ transpileOnly: true });
process.env.BOTOJS_DEMO_STARTED = String(started);
require('./demo.ts');
