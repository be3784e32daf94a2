/**
 * The shipped service models, as the sweep sees them: raw service-2.json documents read straight
 * from service-models/ (deliberately not through botojs's own model classes, so a bug there
 * cannot hide itself from the differential), each with the protocol botocore would speak.
 *
 * botocore picks the first protocol of its own priority list that the model's `protocols`
 * names (utils.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS), else `protocol`; the summary groups
 * pass rates by that choice. A run may name another protocol the model lists (`npm run sweep --
 * --protocol=smithy-rpc-v2-cbor`): both SDKs then speak it (sweep-runner tells the drivers).
 */
import * as fs from 'fs';
import * as path from 'path';

export interface RawRef {
  shape: string;
  [trait: string]: unknown;
}

export interface RawShape {
  type: string;
  members?: Record<string, RawRef>;
  member?: RawRef;
  key?: RawRef;
  value?: RawRef;
  required?: string[];
  enum?: string[];
  min?: number;
  max?: number;
  [trait: string]: unknown;
}

export interface RawOperation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: RawRef;
  output?: RawRef;
  errors?: RawRef[];
  endpoint?: { hostPrefix?: string };
  [trait: string]: unknown;
}

export interface RawModel {
  metadata: { protocol: string; protocols?: string[]; serviceId: string; [k: string]: unknown };
  operations: Record<string, RawOperation>;
  shapes: Record<string, RawShape>;
}

export interface ServiceEntry {
  /** The client name (`s3`, `dynamodb`), the folder under service-models/. */
  name: string;
  apiVersion: string;
  protocol: string;
  file: string;
}

export const MODELS_DIR = path.resolve(__dirname, '../../service-models');

/** botocore 1.43's protocol preference, highest first. */
const BOTOCORE_PROTOCOL_ORDER = ['json', 'rest-json', 'rest-xml', 'smithy-rpc-v2-cbor', 'query', 'ec2'];

/** Whether the model lists `protocol` among those it speaks. */
export function listsProtocol(metadata: RawModel['metadata'], protocol: string): boolean {
  return (metadata.protocols ?? [metadata.protocol]).includes(protocol);
}

/** The protocol of a run: `forced` where the model lists it, else botocore's choice. */
export function resolvedProtocol(metadata: RawModel['metadata'], forced?: string): string {
  if (forced && listsProtocol(metadata, forced)) return forced;
  const listed = metadata.protocols;
  if (listed && listed.length) {
    for (const p of BOTOCORE_PROTOCOL_ORDER) if (listed.includes(p)) return p;
  }
  return metadata.protocol;
}

/** The services most users call: the jest subset runs every one of their operations. */
export const CORE_SERVICES = ['s3', 'dynamodb', 'ec2', 'sqs', 'sns', 'iam', 'sts', 'lambda', 'kms', 'cloudformation', 'apigateway', 'route53'];

let catalog: ServiceEntry[] | undefined;

/** Every shipped service, sorted by name; the newest API version when a folder holds several. */
export function listServices(): ServiceEntry[] {
  if (catalog) return catalog;
  const out: ServiceEntry[] = [];
  for (const name of fs.readdirSync(MODELS_DIR).sort()) {
    const dir = path.join(MODELS_DIR, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const versions = fs.readdirSync(dir).filter((v) => fs.existsSync(path.join(dir, v, 'service-2.json'))).sort();
    if (!versions.length) continue;
    const apiVersion = versions[versions.length - 1];
    const file = path.join(dir, apiVersion, 'service-2.json');
    // Only the metadata is needed here; read the head of the file cheaply when it is large.
    const model = loadModel(file);
    out.push({ name, apiVersion, protocol: resolvedProtocol(model.metadata), file });
  }
  catalog = out;
  return out;
}

const modelCache = new Map<string, RawModel>();

export function loadModel(file: string): RawModel {
  let m = modelCache.get(file);
  if (!m) {
    m = JSON.parse(fs.readFileSync(file, 'utf8')) as RawModel;
    // Keep memory flat over 400+ models: only the most recent few stay parsed.
    if (modelCache.size > 8) modelCache.delete(modelCache.keys().next().value as string);
    modelCache.set(file, m);
  }
  return m;
}

export function serviceEntry(name: string): ServiceEntry {
  const e = listServices().find((s) => s.name === name);
  if (!e) throw new Error(`No shipped model for service '${name}'`);
  return e;
}
