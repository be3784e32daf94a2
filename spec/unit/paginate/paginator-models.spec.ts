/**
 * Static proof over every shipped paginators-1.json: each paginator's operation exists, every
 * input token and limit key is an input member, and every output token, result key,
 * more_results and non-aggregate key is a JMESPath that parses and walks the output shape.
 * Problems are collected so one failure lists them all.
 */
import { builtinDataPaths, ModelLoader } from '../../../src/models/loader';
import type { Shape } from '../../../src/models/shape';
import { parseExpression } from '../../../src/paginate/expression';
import { Paginator, PaginatorSpec } from '../../../src/paginate/paginator';
import { PaginatorModel } from '../../../src/paginate/paginator-model';

const loader = new ModelLoader({ searchPaths: builtinDataPaths(), includeDefaultPaths: false });
const services = loader.listAvailableServices('paginators-1');

interface Ast {
  type: string;
  name?: string;
  children?: Ast[];
}

/** The shape an expression selects from `shape`; throws naming the first member that is not there. */
function walk(ast: Ast, shape: Shape): Shape {
  const kids = ast.children ?? [];
  switch (ast.type) {
    case 'Field': {
      if (shape.type !== 'structure') throw new Error(`'${ast.name}' looked up on a ${shape.type}`);
      const member = shape.member(ast.name as string);
      if (!member) throw new Error(`no member '${ast.name}' in ${shape.name}`);
      return member;
    }
    case 'Subexpression':
      return walk(kids[1], walk(kids[0], shape));
    case 'IndexExpression': {
      const list = walk(kids[0], shape);
      if (list.type !== 'list') throw new Error(`index into ${list.type} ${list.name}`);
      return list.listMember;
    }
    case 'OrExpression':
      return kids.map((k) => walk(k, shape))[0];
    case 'Identity':
      return shape;
    default:
      throw new Error(`unexpected ${ast.type} in a paginator expression`);
  }
}

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe('every shipped paginators-1.json', () => {
  it('covers the botocore set', () => {
    expect(services.length).toBeGreaterThanOrEqual(400);
  });

  it('names only operations, tokens, limit keys and result keys that exist', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const service of services) {
      for (const version of loader.listApiVersions(service, 'paginators-1')) {
        const model = loader.loadServiceModelObject(service, version);
        const paginators = new PaginatorModel(loader.loadServiceModel(service, 'paginators-1', version));
        for (const opName of paginators.operationNames) {
          const where = `${service}/${version} ${opName}`;
          const spec = paginators.spec(opName) as PaginatorSpec;
          checked++;
          if (!model.hasOperation(opName)) {
            problems.push(`${where}: no such operation`);
            continue;
          }
          const op = model.operation(opName);
          const input = op.input;
          const output = op.output;
          const inputTokens = asList(spec.input_token);
          const outputTokens = asList(spec.output_token);
          if (inputTokens.length !== outputTokens.length) problems.push(`${where}: ${inputTokens.length} input vs ${outputTokens.length} output tokens`);
          for (const t of [...inputTokens, ...asList(spec.limit_key)]) {
            if (!input?.member(t)) problems.push(`${where}: input has no '${t}'`);
          }
          if (asList(spec.result_key).length === 0) problems.push(`${where}: no result_key`);
          for (const expr of [...outputTokens, ...asList(spec.result_key), ...asList(spec.more_results), ...(spec.non_aggregate_keys ?? [])]) {
            try {
              if (!output) throw new Error('operation has no output');
              walk(parseExpression(expr) as Ast, output);
            } catch (err) {
              problems.push(`${where}: '${expr}': ${(err as Error).message}`);
            }
          }
          try {
            new Paginator(opName, spec, async () => ({}), input);
          } catch (err) {
            problems.push(`${where}: ${(err as Error).message}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(3000);
  });
});

describe('the shape walker used above', () => {
  const output = loader.loadServiceModelObject('s3').operation('ListObjects').output as Shape;
  it('follows fields, indexes and || alternatives', () => {
    expect(walk(parseExpression('NextMarker || Contents[-1].Key') as Ast, output).type).toBe('string');
  });
  it('reports members that do not exist', () => {
    expect(() => walk(parseExpression('Contents[-1].Nope') as Ast, output)).toThrow(/no member 'Nope'/);
    expect(() => walk(parseExpression('NextMarker[0]') as Ast, output)).toThrow(/index into string/);
  });
});
