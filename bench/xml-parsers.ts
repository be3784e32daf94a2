/**
 * `npm run bench:xml`: XML response parsing alone, each candidate from the body text to the
 * final result botojs returns (the parsed output shape), on S3 ListObjectsV2 (1,000 keys) and
 * EC2 DescribeInstances (100 instances) bodies (xml-bodies.ts). Candidates:
 *
 *   xml2js+walk          xml2js's tree, then the walk by shape (botojs before the switch)
 *   sax+reader           xml2js's own tokenizer (sax) driving the shape-directed reader: no tree
 *   saxes+reader         saxes (a strict, conforming sax fork) driving the shape-directed reader
 *   scanner+reader       botojs's scanner (xml-scanner.ts) driving the reader: the success path
 *   scanner+tree+walk    botojs's scanner building the tree, then the walk: error bodies, fallback
 *   txml+walk            txml's tree (entities decoded after; it does not check well-formedness)
 *   fast-xml-parser+walk fast-xml-parser 5's XMLValidator, then its tree, then the walk
 *   v3 parseXML (tree)   the AWS SDK v3's own XML parser, tree only (no shape work), for scale
 *
 * Every sample runs in a fresh process (so one library's JIT state never slows another), and
 * the candidates take turns `--repeat` times. Each sample checks its result against
 * scanner+tree+walk's and times N rounds after a warm-up in CPU time (process.cpuUsage, which
 * a busy shared machine disturbs far less than wall time). Reported: ms of CPU per parse (the
 * fastest round of all samples, and the median of the samples' medians) and MiB allocated per
 * parse (heap growth over one parse, with a young generation large enough that no GC runs).
 *
 *   npm run bench:xml                     # both bodies, every candidate, 7 rounds x 3 samples
 *   npm run bench:xml -- --rounds=5 --repeat=2 --only=scanner+reader,xml2js+walk --bodies=ec2
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ServiceModel, type RawServiceModel } from '../src/models/service-model';
import type { Shape } from '../src/models/shape';
import { ShapeReader, type ReadResult } from '../src/protocols/parse/xml-reader';
import { EC2_META, queryXmlTarget, restXmlTarget, type XmlTarget } from '../src/protocols/parse/xml-targets';
import { parseXml, XmlElement, type XmlDocument, type XmlNode } from '../src/protocols/xml-parser';
import { localName, scanXml, type XmlHandler } from '../src/protocols/xml-scanner';
import { median, table } from './stats';
import { describeInstancesBody, listObjectsV2Body } from './xml-bodies';

const ROOT = path.resolve(__dirname, '..');

function outputShape(service: string, version: string, operation: string): Shape {
  const file = path.join(ROOT, 'service-models', service, version, 'service-2.json');
  const model = new ServiceModel(JSON.parse(fs.readFileSync(file, 'utf8')) as RawServiceModel, service);
  return model.operation(operation).output as Shape;
}

interface Body {
  label: string;
  text: string;
  target: XmlTarget;
}

function loadBody(name: string): Body {
  if (name === 's3') {
    return { label: 'S3 ListObjectsV2, 1,000 keys', text: listObjectsV2Body(1000), target: restXmlTarget(outputShape('s3', '2006-03-01', 'ListObjectsV2')) };
  }
  return {
    label: 'EC2 DescribeInstances, 100 instances',
    text: describeInstancesBody(100),
    target: queryXmlTarget(outputShape('ec2', '2016-11-15', 'DescribeInstances'), EC2_META),
  };
}

// ---- Foreign trees, turned into botojs's XmlNode tree so the same walk reads them ----

const BLANK = /^\s*$/;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_m, hexCode: string | undefined, dec: string | undefined, named: string | undefined) =>
    hexCode ? String.fromCodePoint(parseInt(hexCode, 16)) : dec ? String.fromCodePoint(parseInt(dec, 10)) : NAMED[named as string]);
}

/** Builds an XmlNode by the tree's rules from a name, attributes, child nodes and text. */
function node(name: string, attrs: Record<string, string> | undefined, kids: Array<[string, XmlNode]>, text: string): XmlNode {
  const hasAttrs = attrs !== undefined && Object.keys(attrs).length > 0;
  if (kids.length === 0 && !hasAttrs) return text;
  const el = new XmlElement(name, hasAttrs ? attrs : undefined);
  el.text = BLANK.test(text) ? '' : text;
  if (kids.length > 0) {
    el.children = new Map();
    for (const [n, k] of kids) {
      const same = el.children.get(n);
      if (same) same.push(k);
      else el.children.set(n, [k]);
    }
  }
  return el;
}

interface TxmlNode {
  tagName: string;
  attributes: Record<string, string>;
  children: Array<TxmlNode | string>;
}

function fromTxml(n: TxmlNode): XmlNode {
  const kids: Array<[string, XmlNode]> = [];
  let text = '';
  for (const c of n.children) {
    if (typeof c === 'string') text += decodeEntities(c);
    else kids.push([localName(c.tagName), fromTxml(c)]);
  }
  return node(localName(n.tagName), n.attributes, kids, text);
}

function fromFxp(name: string, v: unknown): XmlNode {
  if (typeof v === 'string') return v;
  const obj = v as Record<string, unknown>;
  const kids: Array<[string, XmlNode]> = [];
  for (const [k, list] of Object.entries(obj)) {
    if (k === '@' || k === '#text') continue;
    for (const item of list as unknown[]) kids.push([k, fromFxp(k, item)]);
  }
  return node(name, obj['@'] as Record<string, string> | undefined, kids, typeof obj['#text'] === 'string' ? obj['#text'] : '');
}

// ---- Candidates: body text -> ReadResult ----

type Candidate = (text: string, target: XmlTarget) => ReadResult | unknown;

function walkTree(doc: XmlDocument | undefined, target: XmlTarget): ReadResult {
  if (!doc) throw new Error('no document');
  return target.walk(doc);
}

/** The part of sax's API used here (sax ships no types). */
interface SaxParser {
  onopentag(tag: { name: string; attributes: Record<string, string> }): void;
  ontext(text: string): void;
  oncdata(text: string): void;
  onclosetag(): void;
  onerror(error: Error): void;
  write(text: string): { close(): void };
}

function saxDriven(text: string, handler: XmlHandler): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const sax = require('sax') as { parser(strict: boolean, options: object): SaxParser };
  const p = sax.parser(true, {});
  p.onopentag = (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    handler.open(localName(tag.name), Object.keys(attrs).length > 0 ? attrs : undefined);
  };
  p.ontext = (t) => handler.text(t);
  p.oncdata = (t) => handler.cdata(t);
  p.onclosetag = () => handler.close();
  p.onerror = (e) => {
    throw e;
  };
  p.write(text).close();
}

function saxesDriven(text: string, handler: XmlHandler): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const saxes = require('saxes') as typeof import('saxes');
  const p = new saxes.SaxesParser({ xmlns: false });
  let depth = 0;
  p.on('opentag', (tag) => {
    depth += 1;
    const attrs = tag.attributes as Record<string, string>;
    let any = false;
    for (const _ in attrs) {
      any = true;
      break;
    }
    handler.open(localName(tag.name), any ? attrs : undefined);
  });
  p.on('text', (t) => {
    if (depth > 0) handler.text(t);
  });
  p.on('cdata', (t) => handler.cdata(t));
  p.on('closetag', () => {
    depth -= 1;
    handler.close();
  });
  p.write(text).close();
}

const XML2JS_MARK = '>';

/** xml2js with the options botojs used, its marked-name tree turned into XmlNodes. */
function fromXml2js(v: unknown, name: string): XmlNode {
  if (typeof v === 'string') return v;
  const obj = v as Record<string, unknown>;
  const kids: Array<[string, XmlNode]> = [];
  for (const [k, list] of Object.entries(obj)) {
    if (!k.startsWith(XML2JS_MARK)) continue;
    const n = k.slice(1);
    for (const item of list as unknown[]) kids.push([n, fromXml2js(item, n)]);
  }
  const rawAttrs = obj['@attrs'] as Record<string, string> | undefined;
  let attrs: Record<string, string> | undefined;
  if (rawAttrs) {
    attrs = {};
    for (const [k, a] of Object.entries(rawAttrs)) attrs[k.slice(1)] = a;
  }
  return node(name, attrs, kids, typeof obj['#text'] === 'string' ? obj['#text'] : '');
}

function xml2jsTree(text: string): XmlDocument {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const xml2js = require('xml2js') as typeof import('xml2js');
  let result: Record<string, unknown> | undefined;
  new xml2js.Parser({
    explicitRoot: true, explicitArray: true, explicitCharkey: false, charkey: '#text', attrkey: '@attrs', trim: false,
    normalize: false, mergeAttrs: false, explicitChildren: false, emptyTag: '', strict: true, async: false,
    tagNameProcessors: [(n: string) => XML2JS_MARK + xml2js.processors.stripPrefix(n)],
    attrNameProcessors: [(n: string) => XML2JS_MARK + n],
  }).parseString(text, (err: unknown, res: Record<string, unknown>) => {
    if (err) throw err;
    result = res;
  });
  const [rootKey] = Object.keys(result as object);
  return { rootName: rootKey.slice(1), root: fromXml2js((result as Record<string, unknown>)[rootKey], rootKey.slice(1)) };
}

const CANDIDATES: Record<string, Candidate> = {
  'xml2js+walk': (text, target) => walkTree(xml2jsTree(text), target),
  'sax+reader': (text, target) => {
    const reader = new ShapeReader(target.spec);
    saxDriven(text, reader);
    return reader.result();
  },
  'saxes+reader': (text, target) => {
    const reader = new ShapeReader(target.spec);
    saxesDriven(text, reader);
    return reader.result();
  },
  'scanner+reader': (text, target) => {
    const reader = new ShapeReader(target.spec);
    scanXml(text, reader);
    return reader.result();
  },
  'scanner+tree+walk': (text, target) => walkTree(parseXml(text), target),
  'txml+walk': (text, target) => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const txml = require('txml') as { parse(s: string, o: object): Array<TxmlNode | string> };
    const root = txml.parse(text, { keepWhitespace: true }).find((n): n is TxmlNode => typeof n !== 'string' && !n.tagName.startsWith('?'));
    if (!root) throw new Error('no root');
    return walkTree({ rootName: localName(root.tagName), root: fromTxml(root) }, target);
  },
  'fast-xml-parser+walk': (text, target) => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const fxp = require('fast-xml-parser') as typeof import('fast-xml-parser');
    const valid = fxp.XMLValidator.validate(text);
    if (valid !== true) throw new Error(valid.err.msg);
    const parsed = new fxp.XMLParser({
      ignoreAttributes: false, attributeNamePrefix: '', attributesGroupName: '@', textNodeName: '#text', parseTagValue: false,
      parseAttributeValue: false, trimValues: false, removeNSPrefix: true, isArray: (name: string) => name !== '@',
    }).parse(text) as Record<string, unknown[]>;
    const rootName = Object.keys(parsed).find((k) => !k.startsWith('?')) as string;
    return walkTree({ rootName, root: fromFxp(rootName, parsed[rootName][0]) }, target);
  },
  'v3 parseXML (tree)': (text) => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const v3 = require('@aws-sdk/xml-builder') as { parseXML(s: string): unknown };
    return v3.parseXML(text);
  },
};

/** Tree-only candidates: their result is not botojs's parsed output, so it is not compared. */
const TREE_ONLY = new Set(['v3 parseXML (tree)']);

interface ChildResult {
  fastestMs: number;
  medianMs: number;
  allocMiB: number;
  sameResult: boolean | null;
}

/** CPU time (user + system) in ms: unlike wall time, it does not count time spent descheduled. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** ms of CPU per call, one number per round, after a 1 s warm-up. */
function timeRounds(fn: () => unknown, rounds: number, roundMs: number): number[] {
  const start = performance.now();
  while (performance.now() - start < 1000) fn();
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = cpuMs();
    let t1 = t0;
    while (t1 - t0 < roundMs) {
      fn();
      n += 1;
      t1 = cpuMs();
    }
    out.push((t1 - t0) / n);
  }
  return out;
}

function allocatedMiB(fn: () => unknown): number {
  const gc = (global as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const result = fn();
    samples.push((process.memoryUsage().heapUsed - before) / 2 ** 20);
    // (The result stays referenced until here, so it counts as allocated.)
    if (result === null) samples.pop();
  }
  return median(samples);
}

function runChild(bodyName: string, candidate: string, rounds: number): void {
  const body = loadBody(bodyName);
  const fn = CANDIDATES[candidate];
  const run = (): unknown => fn(body.text, body.target);
  const reference = JSON.stringify(CANDIDATES['scanner+tree+walk'](body.text, body.target));
  const sameResult = TREE_ONLY.has(candidate) ? null : JSON.stringify(run()) === reference;
  const times = timeRounds(run, rounds, 300);
  const result: ChildResult = { fastestMs: Math.min(...times), medianMs: median(times), allocMiB: allocatedMiB(run), sameResult };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const [key, value] = arg.replace(/^--/, '').split('=');
    flags.set(key, value ?? 'true');
  }
  return flags;
}

function main(): void {
  const flags = parseFlags(process.argv.slice(2));
  const rounds = Number(flags.get('rounds') ?? 7);
  if (flags.has('child')) {
    runChild(flags.get('body') as string, flags.get('candidate') as string, rounds);
    return;
  }
  const only = flags.get('only')?.split(',') ?? Object.keys(CANDIDATES);
  const bodies = flags.get('bodies')?.split(',') ?? ['s3', 'ec2'];
  const load = os.loadavg()[0];
  const lines = [`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores; load average ${load.toFixed(1)} at start`];
  const repeat = Number(flags.get('repeat') ?? 3);
  for (const bodyName of bodies) {
    const body = loadBody(bodyName);
    const samples = new Map<string, ChildResult[]>(only.map((c) => [c, []]));
    const failures = new Map<string, string>();
    // Candidates take turns, `repeat` times over, so a burst of load elsewhere hits them alike.
    for (let rep = 0; rep < repeat; rep++) {
      for (const candidate of only) {
        if (failures.has(candidate)) continue;
        process.stderr.write(`bench:xml ${bodyName} ${candidate} ${rep + 1}/${repeat}\n`);
        // One fresh process per sample; the young generation is big enough that one parse runs no GC.
        const child = spawnSync(process.execPath, [
          '--expose-gc', '--min-semi-space-size=256', '--max-semi-space-size=256', '-r', 'ts-node/register/transpile-only', __filename,
          '--child', `--body=${bodyName}`, `--candidate=${candidate}`, `--rounds=${rounds}`,
        ], { cwd: ROOT, encoding: 'utf8' });
        const last = child.stdout.trim().split('\n').pop() ?? '';
        if (child.status !== 0 || !last.startsWith('{')) failures.set(candidate, child.stderr.trim().split('\n').slice(-1)[0] ?? '');
        else samples.get(candidate)?.push(JSON.parse(last) as ChildResult);
      }
    }
    const rows: string[][] = [[
      `${body.label} (${Math.round(Buffer.byteLength(body.text) / 1024)} KiB)`, 'fastest ms', 'median ms', 'MiB allocated', 'same result',
    ]];
    for (const candidate of only) {
      const got = samples.get(candidate) ?? [];
      if (failures.has(candidate) || got.length === 0) {
        rows.push([candidate, 'failed', failures.get(candidate) ?? '', '', '']);
        continue;
      }
      const same = got.every((r) => r.sameResult === null) ? 'n/a' : got.every((r) => r.sameResult) ? 'yes' : 'NO';
      rows.push([
        candidate,
        Math.min(...got.map((r) => r.fastestMs)).toFixed(2),
        median(got.map((r) => r.medianMs)).toFixed(2),
        median(got.map((r) => r.allocMiB)).toFixed(1),
        same,
      ]);
    }
    lines.push('', table(rows));
  }
  lines.push('', `load average ${os.loadavg()[0].toFixed(1)} at the end (2 cores: above 2, other work shares the CPU; read ratios within a table)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
