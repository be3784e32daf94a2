/**
 * Names in generated declarations: type names that cannot clash (model shape names are free
 * text: S3 has shapes named `Object` and `Error`, many JSON models `string` or `boolean`),
 * property names quoted when they are not identifiers, and the service's type prefix.
 */

/**
 * Names a generated type may not take: TypeScript's own type keywords, and the globals the
 * declarations refer to (a shape named `Date` would otherwise shadow the Date its timestamps
 * use). Everything imported from 'botojs' or 'stream' carries a `$` prefix, which no model
 * name has, so imports need no entry here.
 */
const RESERVED = new Set([
  'any', 'unknown', 'never', 'void', 'undefined', 'null', 'object', 'string', 'number', 'boolean',
  'bigint', 'symbol', 'this', 'true', 'false', 'keyof', 'typeof', 'readonly', 'infer', 'is',
  'asserts', 'unique', 'type', 'interface', 'enum', 'namespace', 'module', 'declare', 'export',
  'import', 'class', 'function', 'const', 'let', 'var', 'new', 'delete', 'in', 'of', 'extends',
  'implements', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await', 'default',
  'Date', 'Buffer', 'Uint8Array', 'Promise', 'Omit', 'Partial', 'Pick', 'Extract', 'Array',
  'ReadonlyArray', 'AsyncIterable', 'AsyncIterator', 'AsyncGenerator',
]);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A valid type name made from a model name (invalid characters become `_`). */
function sanitize(name: string): string {
  let out = name.replace(/[^\w$]/g, '_');
  if (!/^[A-Za-z_$]/.test(out)) out = `_${out}`;
  return out;
}

/** Hands out unique type names for one generated file, in the order they are asked for. */
export class NameTable {
  private readonly taken = new Set<string>();

  /** `wanted` if free (after sanitizing), else `wanted` with the first free number appended. */
  claim(wanted: string): string {
    const base = sanitize(wanted);
    let name = RESERVED.has(base) ? `${base}_` : base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}${i}`;
    this.taken.add(name);
    return name;
  }
}

/** A property name as a declaration writes it: bare when it is an identifier, else quoted. */
export function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A string literal type. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/**
 * The prefix of a service's client and resource type names, from its serviceId:
 * `S3` -> `S3`, `DynamoDB` -> `DynamoDB`, `Bedrock Runtime` -> `BedrockRuntime`.
 */
export function typePrefix(serviceId: string, serviceName: string): string {
  const words = (serviceId || serviceName).split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(joined) ? joined : `Service${joined}`;
}

/** A JS identifier for a service name, for the index file's namespace exports (`bedrockRuntime`). */
export function serviceIdentifier(serviceName: string): string {
  const parts = serviceName.split(/[^A-Za-z0-9]+/).filter((p) => p.length > 0);
  const out = parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('');
  return /^[A-Za-z_]/.test(out) && !RESERVED.has(out) ? out : `_${out}`;
}
