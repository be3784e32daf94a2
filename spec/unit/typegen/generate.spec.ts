/**
 * The declaration text `botojs types` writes (names, documentation, customizations), the scan
 * for the services an app uses, and the command's arguments and messages. compile.spec.ts
 * compiles the output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseTypesArgs, runTypes, typesCommand } from '../../../src/cli/types-command';
import { ModelLoader } from '../../../src/models/loader';
import { generationSession, scanServices, serviceDeclarations } from '../../../src/typegen';
import { docBlock, htmlToLines } from '../../../src/typegen/docs';

const FIXTURES = path.join(__dirname, 'fixtures/models');
const session = generationSession();

describe('declaration text', () => {
  const demo = serviceDeclarations(generationSession(new ModelLoader({ searchPaths: [FIXTURES] })), 'demo').text;

  it('documents operations and members from the model, as TSDoc', () => {
    expect(demo).toContain('   * Stores a thing. See the guide (https://example.com/doc); `Name` must be unique. Ends a comment: *\\/ and mentions \\@param.\n   *\n   * - first\n   * - second\n   */\n  putThing(');
    expect(demo).toContain("  /** The thing's name & key. */\n  Name: string;");
    expect(demo).toContain('  /** @deprecated Use PutThing. */\n  getThing(');
    // Nothing in a comment may close it early.
    expect(demo.replace(/\/\*\*[\s\S]*?\*\//g, '')).not.toMatch(/\*\/|\/\*\*/);
  });

  it('leaves the documentation out with docs off', () => {
    const bare = serviceDeclarations(generationSession(new ModelLoader({ searchPaths: [FIXTURES] })), 'demo', false).text;
    expect(bare).not.toContain('Stores a thing');
    expect(bare).toContain('/** @deprecated Use PutThing. */');
  });

  it('types inputs as callers write them and outputs as botojs returns them', () => {
    // Required members stay required, an idempotency token is filled when left out.
    expect(demo).toMatch(/export type PutThingRequest = \{[^}]*\n {2}Name: string;\n {2}Token\?: string;\n {2}When: Date \| string \| number;/);
    // A recursive shape used both ways: the output keeps the name, every member optional.
    expect(demo).toContain('export type Node = {\n  Id?: string;\n  Children?: Node[];\n  Seen?: Date;\n};');
    expect(demo).toContain('export type NodeInput = {\n  Id: string;\n  Children?: NodeInput[];\n  Seen?: Date | string | number;\n};');
    expect(demo).toContain("export type Kind = 'small' | 'it\\'s big' | (string & {});");
    expect(demo).toContain('  Body?: $StreamingBody;');
    // A structure named like a global the declarations use is renamed; the global stays reachable.
    expect(demo).toContain('export type Buffer_ = {');
    expect(demo).toContain('  Raw?: Buffer | Uint8Array | string;');
    expect(demo).toContain("declare module 'botojs' {\n  interface ServiceClients {\n    'demo': DemoServiceClient;\n  }\n}");
  });

  it('declares the method names the run time exposes (camelCase of xform_name)', () => {
    const rds = serviceDeclarations(session, 'rds', false).text;
    expect(rds).toContain('  describeDbInstances(params?: DescribeDBInstancesMessage');
    expect(rds).not.toContain('describeDBInstances(');
    expect(serviceDeclarations(session, 's3', false).text).toContain('  listObjectsV2(params: ListObjectsV2Request');
  });

  it("describes the customizations' changes (aliases, filled params, extra members)", () => {
    const ec2 = serviceDeclarations(session, 'ec2', false).text;
    expect(ec2).toMatch(/export type DescribeHostsRequest = \{[^}]*\n {2}Filter\?: Filter\[\];\n {2}\/\*\* Another name for `Filter` \(give one of them\)\. \*\/\n {2}Filters\?: Filter\[\];/);
    expect(ec2).toMatch(/createTags\(params: \{ Resources: readonly string\[\];[^\n]*\): Promise<EC2Tag\[\]>;/);
    expect(serviceDeclarations(session, 'glacier', false).text).toMatch(/export type ListVaultsInput = \{\n {2}accountId\?: string;/);
    const s3 = serviceDeclarations(session, 's3', false).text;
    expect(s3).toContain('  CopySource: string | $CopySource;');
    expect(s3).toContain('  ExpiresString?: string;');
    expect(s3).toContain('export interface S3Client extends $ClientCore, $S3TransferMethods {');
  });
});

describe('htmlToLines / docBlock', () => {
  it('turns paragraphs, lists, code and links into lines and decodes entities', () => {
    expect(htmlToLines('<p>One &lt;two&gt; <code>x</code></p><ul><li>a</li><li><p>b &#233;</p></li></ul><p>See <a href="https://x">X</a>.</p>')).toEqual([
      'One <two> `x`',
      '- a',
      '- b é',
      'See X (https://x).',
    ]);
    expect(htmlToLines(undefined)).toEqual([]);
  });

  it('escapes what would end the comment or start a TSDoc tag', () => {
    expect(docBlock(['a */ b @c {d}'])).toBe('/** a *\\/ b \\@c \\{d\\} */\n');
    expect(docBlock([])).toBe('');
  });
});

describe('scanServices', () => {
  it("finds client('x') and resource('x') literals, skipping node_modules and dot folders", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-scan-'));
    try {
      fs.mkdirSync(path.join(dir, 'src/lib'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'src/a.ts'), "const s3 = session.client('s3');\nconst t = resource(\"dynamodb\").Table('t');");
      fs.writeFileSync(path.join(dir, 'src/lib/b.mjs'), 'const q = boto.client(`sqs`, { regionName: "x" });');
      fs.writeFileSync(path.join(dir, 'src/types.d.ts'), "client('iam')");
      for (const skipped of ['node_modules/pkg', '.cache', 'out']) {
        fs.mkdirSync(path.join(dir, skipped), { recursive: true });
        fs.writeFileSync(path.join(dir, skipped, 'x.js'), "client('kms')");
      }
      const found = scanServices(dir, [path.join(dir, 'out')]);
      expect(found.names).toEqual(['dynamodb', 's3', 'sqs']);
      expect(found.files).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('botojs types (command)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-types-cmd-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses its arguments and rejects unknown ones with a suggestion', () => {
    expect(parseTypesArgs(['s3', '--out', 'types', '--no-docs'])).toEqual({ services: ['s3'], all: false, outDir: 'types', docs: false });
    expect(parseTypesArgs(['--all', '--out=x'])).toMatchObject({ all: true, outDir: 'x' });
    expect(() => parseTypesArgs(['--alll'])).toThrow(/unknown option '--alll' \(did you mean --all\?\)/);
    expect(() => parseTypesArgs(['s3', '--all'])).toThrow(/not both/);
    expect(() => parseTypesArgs(['--out'])).toThrow(/--out needs a folder/);
  });

  it('writes the named services and an index, into botojs-types/ by default', () => {
    const run = runTypes(parseTypesArgs(['sqs', 'sns']), dir);
    expect(fs.readdirSync(path.join(dir, 'botojs-types')).sort()).toEqual(['index.d.ts', 'sns.d.ts', 'sqs.d.ts']);
    expect(fs.readFileSync(path.join(dir, 'botojs-types/index.d.ts'), 'utf8')).toContain("export * as sns from './sns';\nexport * as sqs from './sqs';");
    expect(run.result.files.map((f) => [f.service, f.resources])).toEqual([['sqs', true], ['sns', true]]);
    expect(run.lines[0]).toMatch(/^wrote 2 services to botojs-types\/ \(\d+ KB, \d+ ms\): sqs, sns$/);
  });

  it('refuses unknown services before writing anything, naming close ones', () => {
    expect(() => runTypes(parseTypesArgs(['s4', 'dynamo']), dir)).toThrow(/unknown services: 's4' \(did you mean: s3[^)]*\), 'dynamo' \(did you mean: dynamodb/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("generates for the services the app's source uses when none is named", () => {
    fs.writeFileSync(path.join(dir, 'app.ts'), "import { client } from 'botojs';\nclient('sts');\nother.client('not-a-service');");
    const run = runTypes(parseTypesArgs(['--out', 'types']), dir);
    expect(run.result.files.map((f) => f.service)).toEqual(['sts']);
    expect(run.lines).toContain('ignored (not services): not-a-service');
    expect(fs.existsSync(path.join(dir, 'types/sts.d.ts'))).toBe(true);
  });

  it('says so (exit code 2) when the scan finds no service', () => {
    const cwd = process.cwd();
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    try {
      process.chdir(dir);
      expect(typesCommand([])).toBe(2);
    } finally {
      process.chdir(cwd);
      spy.mockRestore();
    }
    expect(errors[0]).toMatch(/^botojs types: no client\('<service>'\) or resource\('<service>'\) call found in 0 source files under .*: name the services/);
  });
});
