/**
 * Key/Attr conditions and the ConditionExpressionBuilder. The expected expressions and
 * placeholders were produced once by boto3 1.43.11's ConditionExpressionBuilder (python3, the
 * same conditions written with boto3's operators) and are hard-coded here.
 */
import { inspect } from 'util';
import {
  Attr,
  AttributeBase,
  ConditionBase,
  ConditionExpressionBuilder,
  DynamoDBNeedsConditionError,
  DynamoDBNeedsKeyConditionError,
  DynamoDBOperationNotSupportedError,
  Key,
} from '../../../src';

type Case = [name: string, condition: ConditionBase, expression: string, names: Record<string, string>, values: Record<string, unknown>];

const CASES: Case[] = [
  ['eq', Attr('a').eq('b'), '#n0 = :v0', { '#n0': 'a' }, { ':v0': 'b' }],
  ['ne', Attr('a').ne('b'), '#n0 <> :v0', { '#n0': 'a' }, { ':v0': 'b' }],
  ['lt and gt', Attr('a').lt(1).and(Attr('b').gt(2)), '(#n0 < :v0 AND #n1 > :v1)', { '#n0': 'a', '#n1': 'b' }, { ':v0': 1, ':v1': 2 }],
  ['lte, gte', Attr('a').lte(1).or(Attr('a').gte(9)), '(#n0 <= :v0 OR #n1 >= :v1)', { '#n0': 'a', '#n1': 'a' }, { ':v0': 1, ':v1': 9 }],
  ['between', Key('k').between(1, 5), '#n0 BETWEEN :v0 AND :v1', { '#n0': 'k' }, { ':v0': 1, ':v1': 5 }],
  ['beginsWith', Key('k').beginsWith('pre'), 'begins_with(#n0, :v0)', { '#n0': 'k' }, { ':v0': 'pre' }],
  ['isIn', Attr('a').isIn([1, 2, 3]), '#n0 IN (:v0, :v1, :v2)', { '#n0': 'a' }, { ':v0': 1, ':v1': 2, ':v2': 3 }],
  ['exists or notExists', Attr('a').exists().or(Attr('b').notExists()), '(attribute_exists(#n0) OR attribute_not_exists(#n1))', { '#n0': 'a', '#n1': 'b' }, {}],
  ['not', Attr('a').eq(1).not(), '(NOT #n0 = :v0)', { '#n0': 'a' }, { ':v0': 1 }],
  ['contains', Attr('a').contains('x'), 'contains(#n0, :v0)', { '#n0': 'a' }, { ':v0': 'x' }],
  ['size', Attr('a').size().gte(3), 'size(#n0) >= :v0', { '#n0': 'a' }, { ':v0': 3 }],
  ['attributeType', Attr('a').attributeType('S'), 'attribute_type(#n0, :v0)', { '#n0': 'a' }, { ':v0': 'S' }],
  ['a nested path', Attr('a.b[1].c').eq(1), '#n0.#n1[1].#n2 = :v0', { '#n0': 'a', '#n1': 'b', '#n2': 'c' }, { ':v0': 1 }],
  ['list indexes', Attr('a[0][1].b').lte(3), '#n0[0][1].#n1 <= :v0', { '#n0': 'a', '#n1': 'b' }, { ':v0': 3 }],
  [
    'and, or, not together',
    Attr('a').eq(1).and(Attr('b').ne(2)).or(Attr('c').exists().not()),
    '((#n0 = :v0 AND #n1 <> :v1) OR (NOT attribute_exists(#n2)))',
    { '#n0': 'a', '#n1': 'b', '#n2': 'c' },
    { ':v0': 1, ':v1': 2 },
  ],
  ['two key conditions', Key('pk').eq('x').and(Key('sk').beginsWith('y')), '(#n0 = :v0 AND begins_with(#n1, :v1))', { '#n0': 'pk', '#n1': 'sk' }, { ':v0': 'x', ':v1': 'y' }],
];

describe('ConditionExpressionBuilder (expected values from boto3)', () => {
  it.each(CASES)('%s', (_, condition, expression, names, values) => {
    const built = new ConditionExpressionBuilder().buildExpression(condition);
    expect(built).toEqual({ conditionExpression: expression, attributeNamePlaceholders: names, attributeValuePlaceholders: values });
  });

  it('keeps counting across builds until reset()', () => {
    const b = new ConditionExpressionBuilder();
    expect(b.buildExpression(Attr('a').eq(1)).conditionExpression).toBe('#n0 = :v0');
    const second = b.buildExpression(Attr('b').eq(2));
    expect(second).toEqual({ conditionExpression: '#n1 = :v1', attributeNamePlaceholders: { '#n1': 'b' }, attributeValuePlaceholders: { ':v1': 2 } });
    b.reset();
    expect(b.buildExpression(Attr('c').eq(3)).conditionExpression).toBe('#n0 = :v0');
  });

  it('refuses an Attr in a key condition, as boto3 does', () => {
    const b = new ConditionExpressionBuilder();
    expect(() => b.buildExpression(Key('pk').eq('a').and(Attr('n').gt(1)), true)).toThrow(DynamoDBNeedsKeyConditionError);
    expect(() => b.buildExpression(Attr('n').gt(1), true)).toThrow("Attribute 'n' is an Attr: a KeyConditionExpression only takes Key attributes (use Key('n'))");
    // A Key is fine anywhere (a Scan may filter on key attributes).
    expect(new ConditionExpressionBuilder().buildExpression(Key('pk').eq('a'), false).conditionExpression).toBe('#n0 = :v0');
  });

  it('refuses something that is not a condition', () => {
    expect(() => new ConditionExpressionBuilder().buildExpression('a = b' as never)).toThrow(DynamoDBNeedsConditionError);
    expect(() => new ConditionExpressionBuilder().buildExpression(Attr('a') as never)).toThrow("Expected a condition, got Attr('a')");
  });
});

describe('conditions', () => {
  it('Key and Attr work with and without new, and instanceof holds', () => {
    expect(Key('pk')).toBeInstanceOf(Key);
    expect(new Key('pk')).toBeInstanceOf(Key);
    expect(Attr('a')).toBeInstanceOf(Attr);
    expect(Attr('a')).not.toBeInstanceOf(Key);
    expect(Key('pk')).toBeInstanceOf(AttributeBase);
    expect(Key('pk').name).toBe('pk');
    expect(() => Key('')).toThrow('An attribute name must be a non-empty string');
  });

  it('combining something that is not a condition fails clearly', () => {
    expect(() => Attr('a').eq(1).and('b = 1' as never)).toThrow(DynamoDBOperationNotSupportedError);
    expect(() => Attr('a').and(Attr('b').eq(1))).toThrow("AND cannot be applied to Attr('a')");
    expect(() => Attr('a').not()).toThrow(DynamoDBOperationNotSupportedError);
    expect(() => Attr('a').isIn(3 as never)).toThrow("Attr('a').isIn() takes an array");
  });

  it('isIn accepts any iterable', () => {
    const built = new ConditionExpressionBuilder().buildExpression(Attr('a').isIn(new Set(['x', 'y'])));
    expect(built.conditionExpression).toBe('#n0 IN (:v0, :v1)');
  });

  it('size() also has ne (boto3 has not; the expression is valid DynamoDB)', () => {
    expect(new ConditionExpressionBuilder().buildExpression(Attr('a').size().ne(0)).conditionExpression).toBe('size(#n0) <> :v0');
  });

  it('inspect shows the JS that builds the condition', () => {
    const c = Key('pk').eq('a').and(Attr('n').size().gt(2).or(Attr('t').isIn(['x']))).not();
    expect(inspect(c)).toBe("Key('pk').eq('a').and(Attr('n').size().gt(2).or(Attr('t').isIn([ 'x' ]))).not()");
    expect(c.getExpression()).toMatchObject({ operator: 'NOT', format: '({op} {0})' });
  });
});
