/**
 * The package's entry points (package.json "exports"): each points at the build of a src/ file,
 * TypeScript's node10 resolution finds the same types through "typesVersions", and the subpaths
 * `botojs/dynamodb` and `botojs/testing` hand out the very objects the top level exports.
 * scripts/pack-check.sh checks the same against the installed tarball; this is the fast half.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as botojs from '../../../src';
import * as dynamodb from '../../../src/dynamodb';
import * as testing from '../../../src/testing';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  types: string;
  exports: Record<string, string | { types: string; default: string }>;
  typesVersions: Record<string, Record<string, string[]>>;
  bin: Record<string, string>;
};

/** dist/x/y.js (or .d.ts) -> src/x/y.ts */
const sourceOf = (built: string) => built.replace(/^\.\//, '').replace(/^dist\//, 'src/').replace(/(\.d)?\.ts$|\.js$/, '.ts');

describe('package entry points', () => {
  it('each export is a types + default pair built from an existing src/ file', () => {
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './dynamodb', './package.json', './testing']);
    expect(pkg.exports['./package.json']).toBe('./package.json');
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (subpath === './package.json') continue;
      if (typeof target === 'string') throw new Error(`${subpath} has no "types" condition`);
      // "types" must come first: TypeScript takes the first condition that matches.
      expect(Object.keys(target)).toEqual(['types', 'default']);
      expect(target.types).toBe(target.default.replace(/\.js$/, '.d.ts'));
      expect(fs.existsSync(path.join(ROOT, sourceOf(target.default)))).toBe(true);
    }
    expect(pkg.exports['.']).toEqual({ types: `./${pkg.types}`, default: `./${pkg.main}` });
    expect(fs.existsSync(path.join(ROOT, sourceOf(pkg.bin.botojs)))).toBe(true);
  });

  it('typesVersions maps each subpath to the same declarations, for moduleResolution node10', () => {
    const subpaths = Object.keys(pkg.exports).filter((s) => s !== '.' && s !== './package.json');
    const mapped = pkg.typesVersions['*'];
    expect(Object.keys(mapped).sort()).toEqual(subpaths.map((s) => s.slice(2)).sort());
    for (const s of subpaths) expect(mapped[s.slice(2)]).toEqual([(pkg.exports[s] as { types: string }).types.replace(/^\.\//, '')]);
  });

  it('botojs/dynamodb and botojs/testing give the top-level objects', () => {
    const top = botojs as unknown as Record<string, unknown>;
    for (const [name, value] of [...Object.entries(dynamodb), ...Object.entries(testing)]) expect([name, top[name]]).toEqual([name, value]);
    expect(Object.keys(dynamodb).sort()).toEqual(
      ['AttributeBase', 'Attr', 'ConditionBase', 'ConditionExpressionBuilder', 'DynamoDBNeedsConditionError', 'DynamoDBNeedsKeyConditionError', 'DynamoDBOperationNotSupportedError', 'DynamoNumber', 'Key', 'TypeDeserializer', 'TypeSerializer'].sort(),
    );
    expect(Object.keys(testing).sort()).toEqual(['ANY', 'StubAssertionError', 'StubResponseError', 'Stubber', 'UnStubbedResponseError']);
  });
});
