/**
 * `botojs types` end to end: declarations generated for S3, DynamoDB and EC2 are compiled with
 * a strict app (TypeScript's compiler API, in process), where every planted mistake must be an
 * error on its own line and the correct code must have none. Then the declared members are held
 * against real clients and resources: everything declared exists at run time, and everything the
 * run time lists is declared.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ts from 'typescript';
import { Session } from '../../../src';
import { ModelLoader } from '../../../src/models/loader';
import { generateTypes } from '../../../src/typegen';

const ROOT = path.resolve(__dirname, '../../..');

// Code a user writes once the declarations exist; all of it must compile.
const GOOD = `
import { client, resource, Session, Stubber, Key, type Client } from 'botojs';
import { Readable } from 'stream';

export async function good(): Promise<void> {
  const s3 = new Session({ regionName: 'us-east-1' }).client('s3');
  const put = await s3.putObject({ Bucket: 'b', Key: 'k', Body: Readable.from(['x']), ContentType: 'text/plain', StorageClass: 'GLACIER_IR' });
  const etag: string | undefined = put.ETag;
  const status: number = put.ResponseMetadata.HTTPStatusCode;
  await s3.putObject({ Bucket: 'b', Key: 'k', Body: Buffer.from('x'), StorageClass: 'A_CLASS_NEWER_THAN_THE_MODEL' });
  const got = await s3.getObject({ Bucket: 'b', Key: 'k', IfModifiedSince: new Date() });
  const bytes: Buffer | undefined = await got.Body?.read();
  const modified: Date | undefined = got.LastModified;
  await s3.copyObject({ Bucket: 'b', Key: 'k2', CopySource: { Bucket: 'b', Key: 'k' } });
  await s3.listBuckets();
  for await (const page of s3.getPaginator('listObjectsV2').paginate({ Bucket: 'b', PaginationConfig: { PageSize: 10 } })) {
    for (const o of page.Contents ?? []) console.log(o.Key, o.Size, o.LastModified?.toISOString());
  }
  await s3.getWaiter('objectExists').wait({ Bucket: 'b', Key: 'k', WaiterConfig: { Delay: 1 } });
  const url: string = await s3.generatePresignedUrl('getObject', { Params: { Bucket: 'b', Key: 'k' }, ExpiresIn: 60 });
  await s3.uploadFile('/tmp/f', 'b', 'k');
  try {
    await s3.headObject({ Bucket: 'b', Key: 'k' });
  } catch (e) {
    if (e instanceof s3.exceptions.NoSuchKey) console.log(e.response.Error.Code);
  }
  const loose: Client = s3;
  new Stubber(s3);
  console.log(etag, status, bytes, modified, url, loose);

  const ddb = client('dynamodb');
  const item = await ddb.getItem({ TableName: 't', Key: { pk: { S: 'a' } } });
  console.log(item.Item?.pk.S);
  const table = resource('dynamodb').Table('t');
  await table.putItem({ Item: { pk: 'a', n: 1, tags: new Set(['x']) } });
  const q = await table.query({ KeyConditionExpression: Key('pk').eq('a') });
  console.log(q.Items?.[0]?.n, await table.itemCount);
  await table.batchWriter(async (w) => w.putItem({ Item: { pk: 'b' } }));

  const s3r = resource('s3');
  const bucket = s3r.Bucket('b');
  for await (const obj of bucket.objects.filter({ Prefix: 'logs/' }).limit(5)) console.log(obj.key, await obj.size);
  const created = await bucket.putObject({ Key: 'k', Body: 'x' });
  console.log(created.key, await created.contentLength, bucket.Object('k').bucketName);
  await bucket.objects.delete();
  await bucket.waitUntilExists();

  const ec2 = resource('ec2');
  const [instance] = await ec2.createInstances({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 });
  await instance.waitUntilRunning();
  await instance.stop();
  const vpc = await instance.vpc;
  console.log(vpc?.id, await instance.instanceType);
  await ec2.createTags({ Resources: [instance.id], Tags: [{ Key: 'k', Value: 'v' }] });
  await client('ec2').describeHosts({ Filters: [{ Name: 'state', Values: ['available'] }] });

  // The fixture model (fixtures/models/demo): shapes named like globals, recursion, a union.
  const demo = client('demo');
  await demo.putThing({ Name: 'n', When: '2020-01-01T00:00:00Z', Tree: { Id: 'a', Children: [{ Id: 'b' }] }, Choice: { A: 'x' }, Kind: 'small', Meta: { Size: 1, Raw: Buffer.from('x') } });
  const thing = await demo.getThing({ Name: 'n' });
  console.log(await thing.Body?.read(), thing.When?.getTime());
  for await (const page of demo.getPaginator('listThings').paginate()) console.log(page.Things?.[0]?.Children?.[0]?.Seen?.getTime());
  await demo.getWaiter('thingExists').wait({ Name: 'n' });

  // A service without declarations keeps the untyped client.
  const sqs = client('sqs');
  await sqs.anyOperation({ Anything: 1 });
}
`;

// Each line marked `// TSxxxx` must be an error with that code, and no other line may have one.
const BAD = `
import { client, resource, Config } from 'botojs';

export async function bad(): Promise<void> {
  const s3 = client('s3');
  await s3.putObjekt({ Bucket: 'b', Key: 'k' }); // TS2551
  await s3.putObject({ Bukcet: 'b', Key: 'k' }); // TS2561
  await s3.putObject({ Bucket: 123, Key: 'k' }); // TS2322
  await s3.putObject({ Key: 'k' }); // TS2345
  await s3.listObjectsV2(); // TS2554
  s3.getWaiter('bucketExist'); // TS2345
  s3.getPaginator('putObject'); // TS2345
  s3.exceptions.NoSuchKye; // TS2551
  const got = await s3.getObject({ Bucket: 'b', Key: 'k' });
  got.Body.read(); // TS18048
  const bucket = resource('s3').Bucket('b');
  bucket.Objekt('k'); // TS2551
  await bucket.objects.filter({ Prefx: 'logs/' }); // TS2561
  await bucket.putObject({ Key: 'k', Bucket: 'other' }); // TS2353
  const size: number = bucket.Object('k').contentLength; // TS2322
  await resource('dynamodb').Table('t').putItem({ Item: { pk: Symbol('x') } }); // TS2322
  await resource('ec2').Instance('i-1').waitUntilRuning(); // TS2551
  new Config({ s3: { adressingStyle: 'path' } }); // TS2561
  await client('demo').putThing({ Name: 'n', When: new Date(), Tree: { Children: [] } }); // TS2741
  await client('demo').putThing({ Name: 'n', When: new Date(), Meta: { Size: '1' } }); // TS2322
  console.log(size);
}
`;

function expectedErrors(source: string): string[] {
  return source.split('\n').flatMap((line, i) => {
    const m = /\/\/ (TS\d+)$/.exec(line);
    return m ? [`${i + 1}:${m[1]}`] : [];
  });
}

describe('botojs types: generated declarations in a strict app', () => {
  let dir: string;
  let program: ts.Program;
  let files: Record<string, string>;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-types-'));
    const out = path.join(dir, 'botojs-types');
    generateTypes({ services: ['s3', 'dynamodb', 'ec2'], outDir: out });
    generateTypes({ services: ['demo'], outDir: out, loader: new ModelLoader({ searchPaths: [path.join(__dirname, 'fixtures/models')] }) });
    files = { good: path.join(dir, 'good.ts'), bad: path.join(dir, 'bad.ts') };
    fs.writeFileSync(files.good, GOOD);
    fs.writeFileSync(files.bad, BAD);
    const declarations = ['s3', 'dynamodb', 'ec2', 'demo'].map((s) => path.join(out, `${s}.d.ts`));
    program = ts.createProgram([files.good, files.bad, ...declarations], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules/@types')],
      // 'botojs' is this checkout's source, as the package's own declarations would be.
      baseUrl: dir,
      paths: { botojs: [path.join(ROOT, 'src/index.ts')] },
    });
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const errorsIn = (file: string) =>
    program.getSemanticDiagnostics(program.getSourceFile(file)).concat(program.getSyntacticDiagnostics(program.getSourceFile(file)));
  const describeDiag = (d: ts.Diagnostic) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${line}:TS${d.code}`;
  };

  it('the declaration files themselves have no errors', () => {
    const problems = ['s3', 'dynamodb', 'ec2', 'demo'].flatMap((s) => errorsIn(path.join(dir, 'botojs-types', `${s}.d.ts`)));
    expect(problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it('correct code compiles with no error', () => {
    const problems = errorsIn(files.good).map((d) => `${describeDiag(d)} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  it('each planted mistake is an error at its line, and nothing else is', () => {
    const found = errorsIn(files.bad).map(describeDiag).sort();
    expect(found).toEqual(expectedErrors(BAD).sort());
  });

  it('names the misspelt member and suggests the right one', () => {
    const messages = errorsIn(files.bad).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    expect(messages).toContainEqual(expect.stringMatching(/Property 'putObjekt' does not exist on type 'S3Client'\. Did you mean 'putObject'\?/));
    expect(messages).toContainEqual(expect.stringMatching(/'Bukcet' does not exist in type 'PutObjectRequest'\. Did you mean to write 'Bucket'\?/));
    expect(messages).toContainEqual(expect.stringMatching(/'adressingStyle' does not exist in type 'S3Options'\. Did you mean to write 'addressingStyle'\?/));
  });

  describe('declared members against the run time', () => {
    const session = new Session({ regionName: 'us-east-1', awsAccessKeyId: 'a', awsSecretAccessKey: 'b' });
    /** Property names of an exported interface of a generated file. */
    const declared = (service: string, name: string): string[] => {
      const checker = program.getTypeChecker();
      const source = program.getSourceFile(path.join(dir, 'botojs-types', `${service}.d.ts`)) as ts.SourceFile;
      const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source) as ts.Symbol).find((s) => s.name === name);
      if (!symbol) throw new Error(`${service}.d.ts exports no ${name}`);
      return checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).map((p) => p.name);
    };

    it.each([
      ['s3', 'S3Client'],
      ['dynamodb', 'DynamoDBClient'],
      ['ec2', 'EC2Client'],
    ])('%s: every method Object.keys(client) lists is declared, and every declared member exists', (service, iface) => {
      const c = session.client(service);
      const names = declared(service, iface);
      expect(Object.keys(c).filter((k) => !names.includes(k))).toEqual([]);
      // Own keys, not `in` (which takes any spelling): a declared name must be the exact one.
      const own = Reflect.ownKeys(c);
      expect(names.filter((n) => !own.includes(n))).toEqual([]);
      c.close();
    });

    it('paginator and waiter names are the run time\'s', () => {
      const s3 = session.client('s3');
      expect(declared('s3', 'S3Waiters').sort()).toEqual([...s3.waiterNames].sort());
      const pageable = declared('s3', 'S3Paginators');
      expect(pageable.length).toBeGreaterThan(5);
      expect(pageable.filter((n) => !s3.canPaginate(n))).toEqual([]);
      expect(Object.keys(s3).filter((m) => s3.canPaginate(m) && !pageable.includes(m))).toEqual([]);
      s3.close();
    });

    it.each([
      ['s3', 'S3ServiceResource', (r: Record<string, (...a: unknown[]) => unknown>) => r],
      ['s3', 'S3Bucket', (r: Record<string, (...a: unknown[]) => unknown>) => r.Bucket('b')],
      ['s3', 'S3Object', (r: Record<string, (...a: unknown[]) => unknown>) => r.Object('b', 'k')],
      ['s3', 'S3ObjectSummary', (r: Record<string, (...a: unknown[]) => unknown>) => r.ObjectSummary('b', 'k')],
      ['dynamodb', 'DynamoDBTable', (r: Record<string, (...a: unknown[]) => unknown>) => r.Table('t')],
      ['ec2', 'EC2ServiceResource', (r: Record<string, (...a: unknown[]) => unknown>) => r],
      ['ec2', 'EC2Instance', (r: Record<string, (...a: unknown[]) => unknown>) => r.Instance('i-1')],
      ['ec2', 'EC2Vpc', (r: Record<string, (...a: unknown[]) => unknown>) => r.Vpc('vpc-1')],
    ])('%s %s: members match the resource class', (service, iface, pick) => {
      const instance = pick(session.resource(service) as never) as object;
      const names = declared(service, iface);
      expect(Object.keys(instance).filter((k) => !names.includes(k))).toEqual([]);
      const own = Reflect.ownKeys(instance);
      expect(names.filter((n) => !own.includes(n))).toEqual([]);
    });
  });
});
