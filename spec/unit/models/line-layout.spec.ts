import * as fs from 'fs';
import * as path from 'path';
import { isLazyRecord, pendingText, readLineLayout, writeLineLayout } from '../../../src/models/line-layout';
import { ServiceModel } from '../../../src/models/service-model';
import { ModelLoader } from '../../../src/models/loader';

const doc = {
  version: '2.0',
  metadata: { apiVersion: '2020-01-01', protocol: 'json', serviceId: 'W' },
  operations: {
    GetWidget: { name: 'GetWidget', http: { method: 'POST', requestUri: '/' }, input: { shape: 'In' } },
    PutWidget: { name: 'PutWidget', http: { method: 'POST', requestUri: '/' } },
  },
  shapes: {
    In: { type: 'structure', members: { Name: { shape: 'S' } } },
    S: { type: 'string', pattern: '^[\\n"]*$' },
    Oops: { type: 'structure', members: {}, exception: true, error: { code: 'OopsCode' } },
  },
  clientContextParams: { Flag: { type: 'boolean' } },
};

describe('line layout', () => {
  const text = writeLineLayout(doc, ['operations', 'shapes'], (v) => JSON.stringify(v));

  it('is one JSON document with one entry per line, equal to the original', () => {
    expect(JSON.parse(text)).toEqual(doc);
    const lines = text.split('\n');
    expect(lines[0]).toBe('{"version":"2.0","metadata":{"apiVersion":"2020-01-01","protocol":"json","serviceId":"W"},"clientContextParams":{"Flag":{"type":"boolean"}},');
    expect(lines).toContain('"operations":{');
    expect(lines.filter((l) => l.startsWith('"GetWidget":'))).toHaveLength(1);
    expect(lines[lines.length - 1]).toBe('}}');
  });

  it('reads back lazily: entries are parsed when first read, and behave as plain objects', () => {
    const raw = readLineLayout(text, 'test') as Record<string, Record<string, unknown>>;
    expect(raw).toBeDefined();
    expect(raw.metadata).toEqual(doc.metadata);
    expect(isLazyRecord(raw.shapes)).toBe(true);
    expect(pendingText(raw.shapes, 'In')).toBe(JSON.stringify(doc.shapes.In));
    expect(Object.keys(raw.shapes)).toEqual(['In', 'S', 'Oops']);
    // Listing keys and asking hasOwnProperty parse nothing.
    expect(Object.prototype.hasOwnProperty.call(raw.shapes, 'In')).toBe(true);
    expect(pendingText(raw.shapes, 'In')).toBeDefined();
    expect(raw.shapes.In).toEqual(doc.shapes.In);
    expect(pendingText(raw.shapes, 'In')).toBeUndefined();
    expect(raw.shapes.In).toBe(raw.shapes.In);
    expect('S' in raw.shapes).toBe(true);
    expect('Nope' in raw.shapes).toBe(false);
    expect(raw.shapes.Nope).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(raw.operations, 'PutWidget')).toBe(true);
    expect(JSON.parse(JSON.stringify(raw))).toEqual(doc);
    expect(Object.entries(raw.operations).map(([k]) => k)).toEqual(['GetWidget', 'PutWidget']);
  });

  it('takes assignment and delete like a plain object, keeping file order', () => {
    const raw = readLineLayout(text, 'test') as Record<string, Record<string, unknown>>;
    raw.shapes.Added = { type: 'string' };
    raw.shapes.S = { type: 'integer' };
    delete raw.shapes.In;
    expect(Object.keys(raw.shapes)).toEqual(['S', 'Oops', 'Added']);
    expect(raw.shapes.S).toEqual({ type: 'integer' });
    expect('In' in raw.shapes).toBe(false);
  });

  it('refuses text in any other shape, so the loader parses it whole', () => {
    expect(readLineLayout(JSON.stringify(doc), 'x')).toBeUndefined();
    expect(readLineLayout(JSON.stringify(doc, null, 2), 'x')).toBeUndefined();
    expect(readLineLayout(text.replace('\n}}', '\n}},'), 'x')).toBeUndefined();
    expect(readLineLayout('[1,\n2]', 'x')).toBeUndefined();
  });

  it('names the file and entry when an entry is damaged', () => {
    const raw = readLineLayout(text.replace('"PutWidget":{', '"PutWidget":{{'), 'widgets.json') as Record<string, Record<string, unknown>>;
    expect(raw.operations.GetWidget).toBeDefined();
    expect(() => raw.operations.PutWidget).toThrow(/widgets\.json \(operations\), entry 'PutWidget'/);
  });

  it('gives a ServiceModel that finds exception shapes without parsing the others', () => {
    const raw = readLineLayout(text, 'test') as unknown as ConstructorParameters<typeof ServiceModel>[0];
    const model = new ServiceModel(raw, 'widgets');
    expect([...model.errorShapes.keys()]).toEqual(['Oops', 'OopsCode']);
    expect(pendingText(raw.shapes, 'In')).toBeDefined();
    expect(model.operation('GetWidget').input?.member('Name')?.type).toBe('string');
  });

  it('is how models:import writes every shipped service-2.json, and how the loader reads it', () => {
    const file = path.join(__dirname, '../../../service-models/ec2/2016-11-15/service-2.json');
    const shipped = fs.readFileSync(file, 'utf8');
    expect(shipped.split('\n').length).toBeGreaterThan(4000);
    const raw = new ModelLoader().loadServiceModel('ec2', 'service-2') as { shapes: unknown; operations: unknown };
    expect(isLazyRecord(raw.shapes)).toBe(true);
    expect(isLazyRecord(raw.operations)).toBe(true);
  });
});
