/**
 * The client declarations of one service: its exception classes, paginators, waiters, the
 * params of every operation (for generatePresignedUrl), and the client interface with one
 * method per operation the run-time client lists (`Object.keys(client)`, camelCase).
 */
import type { ServiceModel } from '../models/service-model';
import { docBlock, htmlToLines } from './docs';
import { propertyName, stringLiteral } from './names';
import { IN, OUT, type ShapeTypes } from './shapes';
import type { OtherNames } from './other-names';

export interface ClientFacts {
  serviceName: string;
  /** Type name prefix (`S3`). */
  prefix: string;
  service: ServiceModel;
  /** The client's listed methods (canonical names) -> API operation names. */
  methods: Array<[method: string, operation: string]>;
  /** Members the client has besides its operations (a method of the same name is unreachable). */
  baseMembers: ReadonlySet<string>;
  /** Canonical paginator names -> API operation names. */
  paginators: Array<[name: string, operation: string]>;
  /** Canonical waiter names -> API operation names. */
  waiters: Array<[name: string, operation: string]>;
  /** Modeled exception class names. */
  exceptions: string[];
  /** Interfaces from 'botojs' the client also has (S3's transfer methods). */
  clientExtends: string[];
  docs: boolean;
}

/** No input shape: nothing may be passed. */
const NO_PARAMS = '{ [key: string]: never }';

export function clientDeclarations(f: ClientFacts, shapes: ShapeTypes, names: OtherNames): string {
  const { service, prefix } = f;
  const ref = (what: string) => names.ref(`x:${what}`, `${prefix}${what}`);
  const inputOf = (opName: string, none: string) => {
    const input = service.operation(opName).input;
    return input ? shapes.typeOf(input, IN) : none;
  };
  const outputOf = (opName: string) => {
    const output = service.operation(opName).output;
    return output ? shapes.typeOf(output, OUT) : '{}';
  };
  const out: string[] = [];

  out.push(`/** \`client.exceptions\`: one class per modeled error, for \`err instanceof client.exceptions.X\`. */\n`);
  const errorLines = ['ClientError', ...f.exceptions.filter((e) => e !== 'ClientError')].map((e) => `  readonly ${propertyName(e)}: $ClientErrorClass;`);
  out.push(`export type ${ref('Exceptions')} = {\n${errorLines.join('\n')}\n};\n\n`);

  out.push(`/** Operations with a paginator, for \`getPaginator(name)\`. */\n`);
  // A page is also a ParsedResponse, whose `Error` is the error response's: an output that
  // models a member named Error (Security Hub has one) keeps it out of the page type.
  const pageOf = (op: string) => (service.operation(op).output?.member('Error') ? `Omit<${outputOf(op)}, 'Error'>` : outputOf(op));
  const pageLines = f.paginators.map(([name, op]) => `  ${propertyName(name)}: $TypedPaginator<${inputOf(op, '{}')}, ${pageOf(op)}>;`);
  out.push(`export type ${ref('Paginators')} = ${pageLines.length ? `{\n${pageLines.join('\n')}\n}` : '{}'};\n\n`);

  out.push(`/** Waiters, for \`getWaiter(name)\`. */\n`);
  const waitLines = f.waiters.map(([name, op]) => `  ${propertyName(name)}: $TypedWaiter<${inputOf(op, '{}')}>;`);
  out.push(`export type ${ref('Waiters')} = ${waitLines.length ? `{\n${waitLines.join('\n')}\n}` : '{}'};\n\n`);

  const methods = f.methods.filter(([m]) => !f.baseMembers.has(m));
  out.push(`/** Each operation's params, by method name (for \`generatePresignedUrl\`). */\n`);
  const paramLines = methods.map(([m, op]) => `  ${propertyName(m)}: ${inputOf(op, '{}')};`);
  out.push(`export type ${ref('OperationParams')} = ${paramLines.length ? `{\n${paramLines.join('\n')}\n}` : '{}'};\n\n`);

  const doc = docBlock([`The \`${f.serviceName}\` client: \`client(${stringLiteral(f.serviceName)})\`.`, ...(f.docs ? htmlToLines(service.raw.documentation) : [])]);
  const extendsList = ['$ClientCore', ...f.clientExtends.map((e) => `$${e}`)].join(', ');
  out.push(`${doc}export interface ${ref('Client')} extends ${extendsList} {\n`);
  out.push(`  readonly exceptions: ${ref('Exceptions')};\n`);
  out.push(`  readonly waiterNames: Array<keyof ${ref('Waiters')}>;\n`);
  out.push(`  /** A paginator for an operation that has one (\`listObjectsV2\`, ...). */\n`);
  out.push(`  getPaginator<K extends keyof ${ref('Paginators')}>(operationName: K): ${ref('Paginators')}[K];\n`);
  out.push(`  /** A waiter by name. */\n`);
  out.push(`  getWaiter<K extends keyof ${ref('Waiters')}>(waiterName: K): ${ref('Waiters')}[K];\n`);
  out.push(`  /** A URL that performs \`clientMethod\` with \`Params\` when fetched, valid \`ExpiresIn\` seconds (3600). */\n`);
  out.push(`  generatePresignedUrl<K extends keyof ${ref('OperationParams')}>(clientMethod: K, options?: Omit<$PresignedUrlOptions, 'Params'> & { Params?: ${ref('OperationParams')}[K] }): Promise<string>;\n`);
  // presign.ts answers generatePresignedPost for services with buckets only.
  if (service.hasOperation('CreateBucket')) {
    out.push(`  /** URL and form fields for a browser POST upload. */\n`);
    out.push(`  generatePresignedPost(options: $PresignedPostOptions): Promise<$PresignedPost>;\n`);
  }
  for (const [method, opName] of methods) {
    const op = service.operation(opName);
    const required = op.input ? shapes.requiredInputMembers(op.input).length > 0 : false;
    const tags = op.raw.deprecated ? [`@deprecated${typeof op.raw.deprecatedMessage === 'string' ? ` ${op.raw.deprecatedMessage}` : ''}`] : [];
    out.push(docBlock(f.docs ? htmlToLines(op.raw.documentation) : [], tags, '  '));
    out.push(`  ${propertyName(method)}(params${required ? '' : '?'}: ${inputOf(opName, NO_PARAMS)}, options?: $CallOptions): Promise<$OperationResult<${outputOf(opName)}>>;\n`);
  }
  out.push('}\n');
  return out.join('');
}
