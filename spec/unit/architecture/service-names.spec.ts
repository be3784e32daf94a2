/**
 * Service code lives only in src/customizations/ (docs/DESIGN.md): outside it, no string
 * literal in code names a service. A literal counts when it is
 * - a service's name (a folder of service-models/: `s3`, `dynamodb`, `sts`),
 * - an event name with a service in it (`before-call.s3`, `creating-client-class.sts.X`), or
 * - a service's own endpoint built-in (`AWS::S3::ForcePathStyle`; `AWS::Auth::*` is shared).
 * Comments may name services freely (they explain botocore's behaviour). The literals that
 * are not service code are listed below, each with the file it is in and why; an entry that no
 * longer matches anything fails too, so the list stays as short as the code allows.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');

const SERVICES: ReadonlySet<string> = new Set(
  fs.readdirSync(path.join(ROOT, 'service-models'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name),
);

const KNOWN_BUILT_IN = "the rule-set interpreter's list of the built-in names botocore accepts (EndpointResolverBuiltins); their values come from customizations";

/** `file (relative to src/)` -> literal -> why it is not service code. */
const ALLOWED: Record<string, Record<string, string>> = {
  'endpoints/types.ts': Object.fromEntries(
    [
      'AWS::STS::UseGlobalEndpoint', 'AWS::S3::UseGlobalEndpoint', 'AWS::S3::Accelerate', 'AWS::S3::ForcePathStyle', 'AWS::S3::UseArnRegion',
      'AWS::S3Control::UseArnRegion', 'AWS::S3::DisableMultiRegionAccessPoints', 'AWS::S3::DisableS3ExpressSessionAuth',
    ].map((name) => [name, KNOWN_BUILT_IN]),
  ),
  'signing/index.ts': { s3: "a signature version name from the model's metadata (`s3`, `s3v4`): the S3 way of signing, which S3 Control shares" },
  'checksums/request-checksum.ts': { s3: 'the legacy `s3` signature version, which cannot send trailers (a signature version, not the service)' },
  'signing/hmac-v1.ts': { location: 'a query parameter HMAC-v1 signs (`?location`), not Amazon Location' },
  'models/shape.ts': { location: 'the `location` serialization trait of a shape member' },
  'transport/pooled-agent.ts': { connect: "a socket's `connect` event, not Amazon Connect" },
  'transport/proxies.ts': { connect: "the HTTP CONNECT response event, not Amazon Connect" },
  'session/create-client.ts': { config: 'the `config` client option (boto3\'s `config=`), not AWS Config' },
  'config/config.ts': {
    s3: "Config's `s3` option (boto3's `Config(s3={...})`), read only by src/customizations/s3",
    ec2: "the `ec2` wire protocol in the ProtocolName type (Config's `protocol`), not the EC2 service",
  },
  'credentials/assume-role.ts': { sts: 'the assume-role provider is an STS client by definition (botocore credentials.py)' },
  'credentials/web-identity.ts': { sts: 'the web-identity provider calls STS AssumeRoleWithWebIdentity (botocore credentials.py)' },
  'credentials/sso.ts': { sso: 'the SSO provider calls SSO GetRoleCredentials; `sso` is also its provider method name, as botocore names it' },
  'credentials/sso-token.ts': {
    sso: 'the SSO token cache folder (~/.aws/sso/cache) and the provider method name',
    'sso-oidc': 'the SSO token provider refreshes tokens with SSO OIDC CreateToken (botocore tokens.py)',
  },
  'cli/sso-command.ts': { 'sso-oidc': '`botojs sso login` signs in through an SSO OIDC client, as `aws sso login` does' },
  'credentials/chain.ts': { sso: "the SSO provider's method name in the chain, as botocore names it" },
};

interface Hit {
  file: string;
  literal: string;
  line: number;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (path.relative(SRC, p) !== 'customizations') yield* sourceFiles(p);
    } else if (e.name.endsWith('.ts')) yield p;
  }
}

/** The service a literal names, or undefined. */
export function serviceNamedBy(text: string): string | undefined {
  if (SERVICES.has(text)) return text;
  const builtIn = /^AWS::(\w+)::/.exec(text);
  if (builtIn && builtIn[1] !== 'Auth') return builtIn[1];
  // An event name: `<event>.<service>[.<operation>]`.
  const event = /^[a-z][a-z-]*\.([a-z0-9-]+)(\.|$)/.exec(text);
  if (event && SERVICES.has(event[1])) return event[1];
  return undefined;
}

function literalsOf(file: string): Hit[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const hits: Hit[] = [];
  const rel = path.relative(SRC, file).split(path.sep).join('/');
  const visit = (node: ts.Node): void => {
    // Module specifiers ('../customizations/s3') are paths, not names.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isImportTypeNode(node)) return;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.Identifier && (node.expression as ts.Identifier).text === 'require') return;
    let texts: string[] = [];
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts = [node.text];
    else if (ts.isTemplateExpression(node)) texts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
    for (const text of texts) {
      if (serviceNamedBy(text) !== undefined) hits.push({ file: rel, literal: text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

describe('service names outside src/customizations/', () => {
  const hits = [...sourceFiles(SRC)].flatMap(literalsOf);

  it('knows what a service-name literal is', () => {
    expect(['s3', 'dynamodb', 'before-call.s3', 'creating-client-class.sts.GetCallerIdentity', 'AWS::S3::ForcePathStyle'].map(serviceNamedBy)).toEqual([
      's3', 'dynamodb', 's3', 'sts', 'S3',
    ]);
    expect(['AWS::Region', 'AWS::Auth::AccountIdEndpointMode', 'before-call', 'sigv4', 'x.y'].map(serviceNamedBy)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('appear only where the allow-list says why', () => {
    const unexplained = hits.filter((h) => ALLOWED[h.file]?.[h.literal] === undefined).map((h) => `src/${h.file}:${h.line} '${h.literal}'`);
    expect(unexplained).toEqual([]);
  });

  it('has no allow-list entry that matches nothing', () => {
    const used = new Set(hits.map((h) => `${h.file} ${h.literal}`));
    const stale = Object.entries(ALLOWED).flatMap(([file, literals]) => Object.keys(literals).filter((l) => !used.has(`${file} ${l}`)).map((l) => `${file}: '${l}'`));
    expect(stale).toEqual([]);
  });
});
