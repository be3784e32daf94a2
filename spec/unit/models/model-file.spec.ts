import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { isLazyRecord, writeLineLayout } from '../../../src/models/line-layout';
import { ModelLoader } from '../../../src/models/loader';
import { parseModelFile } from '../../../src/models/model-file';
import { Session } from '../../../src/session/session';

const SHIPPED_EC2 = path.join(__dirname, '../../../service-models/ec2/2016-11-15/service-2.json');

/** A service-2 document whose shapes take about `shapeBytes` of text. */
function docWithShapes(shapeBytes: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const shapes: Record<string, unknown> = {
    In: { type: 'structure', members: { Name: { shape: 'S' } } },
    S: { type: 'string', pattern: '^é[\\n"]*$' },
  };
  for (let i = 0, bytes = 0; bytes < shapeBytes; i++) {
    shapes[`Pad${i}`] = { type: 'string', enum: ['x'.repeat(200), `ü${i}`] };
    bytes += 240;
  }
  return {
    version: '2.0',
    metadata: { apiVersion: '2020-01-01', protocol: 'json', serviceId: 'Wïdgets', endpointPrefix: 'widgets', jsonVersion: '1.0', targetPrefix: 'W', signatureVersion: 'v4' },
    operations: { GetWidget: { name: 'GetWidget', http: { method: 'POST', requestUri: '/' }, input: { shape: 'In' } } },
    shapes,
    ...extra,
  };
}

const layout = (doc: Record<string, unknown>, sections = ['operations', 'shapes']): string =>
  writeLineLayout(doc, sections, (v) => JSON.stringify(v));

describe('parseModelFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-model-file-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string | Buffer): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it.each([
    ['a small file (read whole at once)', 2_000],
    ['a file larger than the first read', 700_000],
  ])('reads %s in the line layout back equal to the document, shapes on first use', (_, size) => {
    const doc = docWithShapes(size);
    const file = write('service-2.json', layout(doc));
    const raw = parseModelFile(file) as Record<string, Record<string, unknown>>;
    expect(raw.metadata).toEqual(doc.metadata);
    expect(Object.keys(raw.operations)).toEqual(['GetWidget']);
    expect(isLazyRecord(raw.shapes)).toBe(true);
    expect(raw.shapes.S).toEqual({ type: 'string', pattern: '^é[\\n"]*$' });
    expect(JSON.parse(JSON.stringify(raw))).toEqual(doc);
  });

  it('finds the shapes line wherever the reads are cut (the open line across two reads)', () => {
    // Grow the operations so the shapes open line starts at every offset around the 256 KiB mark.
    const base = docWithShapes(400_000);
    for (let shift = -14; shift <= 2; shift++) {
      const probe = layout({ ...base, operations: { GetWidget: { name: 'GetWidget', pad: '' } } });
      const padLength = 256 * 1024 - probe.indexOf('\n"shapes":{\n') + shift;
      const doc = { ...base, operations: { GetWidget: { name: 'GetWidget', pad: 'p'.repeat(padLength) } } };
      const text = layout(doc);
      const file = write(`shift${shift}.json`, text);
      expect(JSON.parse(JSON.stringify(parseModelFile(file)))).toEqual(doc);
      // And the shapes were left on disk (a file read whole would not notice the change).
      const raw = parseModelFile(file) as Record<string, Record<string, unknown>>;
      fs.appendFileSync(file, ' ');
      expect(() => raw.shapes.In).toThrow(/changed on disk/);
    }
  });

  it('reads shapes that are the only section, and sections after shapes (on first use of shapes)', () => {
    const onlyShapes = docWithShapes(500);
    delete onlyShapes.operations;
    expect(JSON.parse(JSON.stringify(parseModelFile(write('a.json', layout(onlyShapes)))))).toEqual(onlyShapes);

    const after = { ...docWithShapes(300_000), later: { One: { x: 1 } } };
    const raw = parseModelFile(write('b.json', layout(after, ['operations', 'shapes', 'later']))) as Record<string, unknown>;
    expect(raw.later).toBeUndefined();
    expect((raw.shapes as Record<string, unknown>).In).toBeDefined();
    expect(raw.later).toEqual({ One: { x: 1 } });
  });

  it('parses any other JSON whole: compact, pretty-printed, gzip, empty sections', () => {
    const doc = docWithShapes(300_000);
    expect(parseModelFile(write('compact.json', JSON.stringify(doc)))).toEqual(doc);
    const pretty = parseModelFile(write('pretty.json', JSON.stringify(doc, null, 2)));
    expect(isLazyRecord((pretty as Record<string, unknown>).shapes)).toBe(false);
    expect(pretty).toEqual(doc);
    expect(JSON.parse(JSON.stringify(parseModelFile(write('gz.json.gz', zlib.gzipSync(layout(doc))))))).toEqual(doc);
    const empty = { ...doc, operations: {}, shapes: {} };
    expect(JSON.parse(JSON.stringify(parseModelFile(write('empty.json', layout(empty)))))).toEqual(empty);
  });

  it('throws for a file that is not JSON, and names the file and entry of a damaged shape', () => {
    expect(() => parseModelFile(write('bad.json', '{"version":'))).toThrow(SyntaxError);
    const text = layout(docWithShapes(300_000)).replace('"S":{', '"S":{{');
    const raw = parseModelFile(write('damaged.json', text)) as Record<string, Record<string, unknown>>;
    expect(raw.shapes.In).toBeDefined();
    expect(() => raw.shapes.S).toThrow(/damaged\.json \(shapes\), entry 'S'/);
    const cut = layout(docWithShapes(300_000)).replace(/\n}}$/, '\n}');
    const truncated = parseModelFile(write('cut.json', cut)) as Record<string, Record<string, unknown>>;
    expect(() => truncated.shapes.In).toThrow(/cut\.json \(shapes\).*not in the line layout/);
  });

  it('refuses to read the shapes of a file that changed on disk after its first part was read', () => {
    const file = write('service-2.json', layout(docWithShapes(700_000)));
    const raw = parseModelFile(file) as Record<string, Record<string, unknown>>;
    fs.appendFileSync(file, '\n');
    expect(() => raw.shapes.In).toThrow(/changed on disk after its first part was read/);
  });

  it('creates an EC2 client without reading a shape; its first use of one reads them', () => {
    // A copy of the shipped model, in a folder of its own, so the test can change it on disk.
    const modelDir = path.join(dir, 'ec2', '2016-11-15');
    fs.mkdirSync(modelDir, { recursive: true });
    fs.copyFileSync(SHIPPED_EC2, path.join(modelDir, 'service-2.json'));
    const loader = new ModelLoader({ searchPaths: [dir], includeDefaultPaths: false });
    const session = new Session({ loader, regionName: 'us-east-1', awsAccessKeyId: 'a', awsSecretAccessKey: 'b' });
    const ec2 = session.client('ec2', { endpointUrl: 'http://127.0.0.1:9' });
    expect(typeof ec2.describeInstances).toBe('function');
    // Changed now, the shapes can no longer be read: so none were read at creation.
    fs.appendFileSync(path.join(modelDir, 'service-2.json'), ' ');
    expect(() => ec2.meta.serviceModel.operation('DescribeInstances').output).toThrow(/changed on disk/);
  });
});
