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

/** Rewrites `file` with one byte of its head changed (same length): its first part differs. */
function changeHead(file: string): void {
  const text = fs.readFileSync(file, 'latin1');
  fs.writeFileSync(file, text.replace('"version":"2.0"', '"version":"2.1"'), 'latin1');
}

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
      changeHead(file);
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
    expect(() => truncated.shapes.In).toThrow(/cut\.json \(shapes\): .*JSON/);
  });

  it('reads the shapes of a file rewritten since creation only if the part read is unchanged', () => {
    const doc = docWithShapes(700_000);
    const file = write('service-2.json', layout(doc));
    const same = parseModelFile(file) as Record<string, Record<string, unknown>>;
    // Written again (a reinstall): the same operations, shapes that differ.
    const next = { ...doc, shapes: { ...(doc.shapes as Record<string, unknown>), Added: { type: 'string' } } };
    fs.writeFileSync(file, layout(next));
    expect(same.shapes.Added).toEqual({ type: 'string' });

    const changed = parseModelFile(file) as Record<string, Record<string, unknown>>;
    changeHead(file);
    expect(() => changed.shapes.In).toThrow(/changed on disk after its operations were read; restart the process/);

    const gone = parseModelFile(file) as Record<string, Record<string, unknown>>;
    fs.rmSync(file);
    expect(() => gone.shapes.In).toThrow(/Unable to read the shapes of .*service-2\.json: ENOENT/);
  });

  it('parses a file whose end is not in the layout as JSON.parse would (trailing space, CRLF, pretty shapes)', () => {
    const doc = docWithShapes(300_000);
    const text = layout(doc);
    const shapesAt = text.indexOf('\n"shapes":{\n') + 1;
    const variants = [
      `${text}\n\n`,
      `${text} \n`,
      `${text}\r\n`,
      `${text.slice(0, shapesAt)}"shapes": ${JSON.stringify(doc.shapes, null, 2)}\n}\n`,
    ];
    variants.forEach((variant, i) => {
      const raw = parseModelFile(write(`v${i}.json`, variant)) as Record<string, Record<string, unknown>>;
      expect(Object.keys(raw.operations)).toEqual(['GetWidget']);
      expect(raw.shapes.S).toEqual({ type: 'string', pattern: '^é[\\n"]*$' });
      expect(JSON.parse(JSON.stringify(raw))).toEqual(doc);
    });
    // Read whole (small), a file that is not JSON fails as it loads.
    expect(() => parseModelFile(write('broken.json', `${text.slice(0, shapesAt)}"shapes":{\n"In":{}\n`))).toThrow(SyntaxError);
  });

  it('reads a file with shapes before operations whole, so a client finds its operations', () => {
    const doc = docWithShapes(700_000);
    const raw = parseModelFile(write('shapes-first.json', layout(doc, ['shapes', 'operations']))) as Record<string, Record<string, unknown>>;
    expect(Object.keys(raw.operations)).toEqual(['GetWidget']);
    expect(JSON.parse(JSON.stringify(raw))).toEqual(doc);
  });

  it('finishes when the file is shorter than its size said (rewritten while read)', () => {
    // No shapes line: the reads go on growing to the size the file was said to have.
    const doc: Record<string, unknown> = { ...docWithShapes(1_000), operations: { GetWidget: { name: 'GetWidget', pad: 'p'.repeat(200_000) } } };
    delete doc.shapes;
    const file = write('short.json', layout(doc));
    // The module object itself (the namespace import's properties cannot be replaced).
    const fsModule = require('fs') as typeof fs; // eslint-disable-line @typescript-eslint/no-require-imports
    const real = fsModule.fstatSync;
    const spy = jest.spyOn(fsModule, 'fstatSync').mockImplementation(((fd: number) => {
      const stat = real(fd);
      stat.size += 300_000;
      return stat;
    }) as typeof fs.fstatSync);
    try {
      expect(JSON.parse(JSON.stringify(parseModelFile(file)))).toEqual(doc);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps members after shapes, and an sdk-extras merge copies them', () => {
    const doc = { ...docWithShapes(300_000), later: { One: { x: 1 } } };
    const modelDir = path.join(dir, 'widgets', '2020-01-01');
    fs.mkdirSync(modelDir, { recursive: true });
    fs.writeFileSync(path.join(modelDir, 'service-2.json'), layout(doc, ['operations', 'shapes', 'later']));
    fs.writeFileSync(path.join(modelDir, 'service-2.sdk-extras.json'), JSON.stringify({ version: 1.0, merge: { metadata: { extra: true } } }));
    const loader = new ModelLoader({ searchPaths: [dir], includeDefaultPaths: false });
    const merged = loader.loadServiceModel('widgets', 'service-2') as Record<string, Record<string, unknown>>;
    expect(merged.later).toEqual({ One: { x: 1 } });
    expect(merged.metadata.extra).toBe(true);
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
    // With its first part changed now, the shapes can no longer be read: none were read yet.
    changeHead(path.join(modelDir, 'service-2.json'));
    expect(() => ec2.meta.serviceModel.operation('DescribeInstances').output).toThrow(/changed on disk/);
  });
});
