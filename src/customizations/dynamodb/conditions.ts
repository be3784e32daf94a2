/**
 * DynamoDB conditions (boto3.dynamodb.conditions): `Key('pk').eq('a')`,
 * `Attr('n').gt(2).and(Attr('tags').contains('x'))`, and the ConditionExpressionBuilder that
 * turns one into an expression string with `#n0` name and `:v0` value placeholders.
 *
 * A condition is plain data (an operator, its operands); nothing is built until a request
 * needs it. Attribute names are split into path parts the way boto3 splits them: `a.b[1].c`
 * becomes `#n0.#n1[1].#n2`, each part its own placeholder, list indexes kept as written.
 * Values stay native here; the request's serializer turns them into AttributeValues.
 */
import { inspect } from 'util';
import { DynamoDBNeedsConditionError, DynamoDBNeedsKeyConditionError, DynamoDBOperationNotSupportedError } from './errors';

/** Operator kinds, with the expression each builds (`{0}` the first operand, `{op}` the operator). */
const KINDS = {
  eq: { operator: '=', format: '{0} {op} {1}', method: 'eq' },
  ne: { operator: '<>', format: '{0} {op} {1}', method: 'ne' },
  lt: { operator: '<', format: '{0} {op} {1}', method: 'lt' },
  lte: { operator: '<=', format: '{0} {op} {1}', method: 'lte' },
  gt: { operator: '>', format: '{0} {op} {1}', method: 'gt' },
  gte: { operator: '>=', format: '{0} {op} {1}', method: 'gte' },
  in: { operator: 'IN', format: '{0} {op} {1}', method: 'isIn' },
  between: { operator: 'BETWEEN', format: '{0} {op} {1} AND {2}', method: 'between' },
  beginsWith: { operator: 'begins_with', format: '{op}({0}, {1})', method: 'beginsWith' },
  contains: { operator: 'contains', format: '{op}({0}, {1})', method: 'contains' },
  size: { operator: 'size', format: '{op}({0})', method: 'size' },
  attributeType: { operator: 'attribute_type', format: '{op}({0}, {1})', method: 'attributeType' },
  exists: { operator: 'attribute_exists', format: '{op}({0})', method: 'exists' },
  notExists: { operator: 'attribute_not_exists', format: '{op}({0})', method: 'notExists' },
  and: { operator: 'AND', format: '({0} {op} {1})', method: 'and' },
  or: { operator: 'OR', format: '({0} {op} {1})', method: 'or' },
  not: { operator: 'NOT', format: '({op} {0})', method: 'not' },
} as const;

export type ConditionKind = keyof typeof KINDS;

const show = (v: unknown) => inspect(v, { depth: 3, breakLength: Infinity });

/**
 * A condition: an operator and its operands (attributes, values or other conditions).
 * Combine with `and`, `or`, `not`; pass to a resource request as a ConditionExpression,
 * FilterExpression or KeyConditionExpression.
 */
export class ConditionBase {
  constructor(
    readonly kind: ConditionKind,
    readonly values: readonly unknown[],
  ) {}

  /** The DynamoDB operator (`=`, `begins_with`, `AND`, ...). */
  get operator(): string {
    return KINDS[this.kind].operator;
  }

  /** `IN` gives each element of its list operand its own placeholder. */
  get hasGroupedValues(): boolean {
    return this.kind === 'in';
  }

  /** `{ format, operator, values }`, as boto3's get_expression(). */
  getExpression(): { format: string; operator: string; values: readonly unknown[] } {
    return { format: KINDS[this.kind].format, operator: this.operator, values: this.values };
  }

  and(other: ConditionBase): ConditionBase {
    if (!(other instanceof ConditionBase)) throw new DynamoDBOperationNotSupportedError('AND', other);
    return new ConditionBase('and', [this, other]);
  }

  or(other: ConditionBase): ConditionBase {
    if (!(other instanceof ConditionBase)) throw new DynamoDBOperationNotSupportedError('OR', other);
    return new ConditionBase('or', [this, other]);
  }

  not(): ConditionBase {
    return new ConditionBase('not', [this]);
  }

  /** The condition as the JS that builds it: `Key('pk').eq('a').and(Attr('n').gt(2))`. */
  [inspect.custom](): string {
    const [first, ...rest] = this.values;
    const operand = (v: unknown) => (v instanceof ConditionBase || v instanceof AttributeBase ? v[inspect.custom]() : show(v));
    if (this.kind === 'not') return `${operand(first)}.not()`;
    return `${operand(first)}.${KINDS[this.kind].method}(${rest.map(operand).join(', ')})`;
  }
}

/** The comparisons an attribute and `size()` both offer (boto3's AttributeBase methods). */
interface Comparisons {
  /** The operand equals `value`. */
  eq(value: unknown): ConditionBase;
  /** The operand is less than `value`. */
  lt(value: unknown): ConditionBase;
  /** The operand is less than or equal to `value`. */
  lte(value: unknown): ConditionBase;
  /** The operand is greater than `value`. */
  gt(value: unknown): ConditionBase;
  /** The operand is greater than or equal to `value`. */
  gte(value: unknown): ConditionBase;
  /** The operand (a string or binary) begins with `value`. */
  beginsWith(value: unknown): ConditionBase;
  /** `low <= operand <= high`. */
  between(low: unknown, high: unknown): ConditionBase;
}

// One implementation, put on both prototypes below: `this` is the attribute or the size, and
// the operands follow it (`between` takes two).
const COMPARISONS: Record<string, (this: object, ...operands: unknown[]) => ConditionBase> = {};
for (const kind of ['eq', 'lt', 'lte', 'gt', 'gte', 'beginsWith', 'between'] as const) {
  COMPARISONS[kind] = function (...operands) {
    return new ConditionBase(kind, [this, ...operands]);
  };
}

// Declaration merging gives both classes the Comparisons methods' types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface AttributeBase extends Comparisons {}

/** An attribute named in a condition; `name` may be a path (`a.b[1].c`). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class AttributeBase {
  constructor(readonly name: string) {
    if (typeof name !== 'string' || name === '') throw new TypeError(`An attribute name must be a non-empty string, got ${show(name)}`);
  }

  /** An attribute is not a condition: compare it first (`Attr('a').eq(1).and(...)`). */
  and(_other: unknown): never {
    throw new DynamoDBOperationNotSupportedError('AND', this);
  }

  or(_other: unknown): never {
    throw new DynamoDBOperationNotSupportedError('OR', this);
  }

  not(): never {
    throw new DynamoDBOperationNotSupportedError('NOT', this);
  }

  [inspect.custom](): string {
    return `${this instanceof KeyAttribute ? 'Key' : 'Attr'}(${show(this.name)})`;
  }
}

/** A key attribute: the only kind a KeyConditionExpression accepts. Made by `Key(name)`. */
export class KeyAttribute extends AttributeBase {}

/** Any attribute of an item. Made by `Attr(name)`. */
export class ConditionAttribute extends AttributeBase {
  /** The attribute is not equal to `value`. */
  ne(value: unknown): ConditionBase {
    return new ConditionBase('ne', [this, value]);
  }

  /** The attribute equals one of `values` (`IN (:v0, :v1, ...)`). */
  isIn(values: Iterable<unknown>): ConditionBase {
    if (values === null || typeof values !== 'object' || typeof (values as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new TypeError(`Attr(${show(this.name)}).isIn() takes an array (or another iterable) of values, got ${show(values)}`);
    }
    return new ConditionBase('in', [this, [...values]]);
  }

  /** The item has this attribute. */
  exists(): ConditionBase {
    return new ConditionBase('exists', [this]);
  }

  /** The item does not have this attribute. */
  notExists(): ConditionBase {
    return new ConditionBase('notExists', [this]);
  }

  /** The attribute (a string, set or list) contains `value`. */
  contains(value: unknown): ConditionBase {
    return new ConditionBase('contains', [this, value]);
  }

  /** The attribute's size, to compare: `Attr('tags').size().gt(2)`. */
  size(): Size {
    return new Size(this);
  }

  /** The attribute has DynamoDB type `type` (`'S'`, `'N'`, `'SS'`, `'M'`, ...). */
  attributeType(type: string): ConditionBase {
    return new ConditionBase('attributeType', [this, type]);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Size extends Comparisons {}

/** `size(attribute)`: a condition operand with the comparison methods of an attribute. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Size extends ConditionBase {
  constructor(attribute: ConditionAttribute) {
    super('size', [attribute]);
  }

  /** The attribute this is the size of. */
  get name(): string {
    return (this.values[0] as AttributeBase).name;
  }

  /** (boto3's Size has no `ne`; `size(a) <> :v` is a valid expression, so botojs adds it.) */
  ne(value: unknown): ConditionBase {
    return new ConditionBase('ne', [this, value]);
  }
}

Object.assign(AttributeBase.prototype, COMPARISONS);
Object.assign(Size.prototype, COMPARISONS);

/** A factory that also works with `new` and keeps `instanceof` working (`Key('pk') instanceof Key`). */
function callable<T extends AttributeBase>(cls: new (name: string) => T, name: string): ((name: string) => T) & { new (name: string): T; prototype: T } {
  const make = function (attributeName: string): T {
    return new cls(attributeName);
  };
  Object.defineProperty(make, 'name', { value: name });
  make.prototype = cls.prototype;
  return make as unknown as ((name: string) => T) & { new (name: string): T; prototype: T };
}

/** A key attribute for KeyConditionExpression (and any condition): `Key('pk').eq('a')`. */
export const Key = callable(KeyAttribute, 'Key');
export type Key = KeyAttribute;

/** An item attribute for ConditionExpression / FilterExpression: `Attr('n').gt(2)`. */
export const Attr = callable(ConditionAttribute, 'Attr');
export type Attr = ConditionAttribute;

/** What ConditionExpressionBuilder.buildExpression returns (boto3's BuiltConditionExpression). */
export interface BuiltConditionExpression {
  /** `'(#n0 > :v0 AND contains(#n1, :v1))'` */
  conditionExpression: string;
  /** `{ '#n0': 'n', '#n1': 'tags' }` */
  attributeNamePlaceholders: Record<string, string>;
  /** `{ ':v0': 2, ':v1': 'x' }`: native values, not yet serialized. */
  attributeValuePlaceholders: Record<string, unknown>;
}

// Parts of a name outside brackets: `a.b[1].c` -> a, b, c (boto3's ATTR_NAME_REGEX).
const NAME_PART = /[^.[\]]+(?![^[]*\])/g;

/**
 * Builds expression strings with placeholders. Placeholder numbers keep counting across
 * builds until `reset()`, so several expressions of one request never share a placeholder.
 */
export class ConditionExpressionBuilder {
  private nameCount = 0;
  private valueCount = 0;

  /** Starts placeholder numbering again at `#n0` / `:v0`. */
  reset(): void {
    this.nameCount = 0;
    this.valueCount = 0;
  }

  /**
   * @param isKeyCondition true for a KeyConditionExpression: only `Key` attributes are allowed
   * @throws DynamoDBNeedsConditionError when `condition` is not a condition
   * @throws DynamoDBNeedsKeyConditionError for an `Attr` in a key condition
   */
  buildExpression(condition: ConditionBase, isKeyCondition = false): BuiltConditionExpression {
    if (!(condition instanceof ConditionBase)) throw new DynamoDBNeedsConditionError(condition);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const conditionExpression = this.build(condition, names, values, isKeyCondition);
    return { conditionExpression, attributeNamePlaceholders: names, attributeValuePlaceholders: values };
  }

  private build(condition: ConditionBase, names: Record<string, string>, values: Record<string, unknown>, isKey: boolean): string {
    const { format, operator } = condition.getExpression();
    const parts = condition.values.map((v) => this.component(v, names, values, condition.hasGroupedValues, isKey));
    return format.replace(/\{(op|\d)\}/g, (_, k: string) => (k === 'op' ? operator : parts[Number(k)]));
  }

  private component(value: unknown, names: Record<string, string>, values: Record<string, unknown>, grouped: boolean, isKey: boolean): string {
    if (value instanceof ConditionBase) return this.build(value, names, values, isKey);
    if (value instanceof AttributeBase) {
      if (isKey && !(value instanceof KeyAttribute)) {
        throw new DynamoDBNeedsKeyConditionError(
          `Attribute ${show(value.name)} is an Attr: a KeyConditionExpression only takes Key attributes (use Key(${show(value.name)}))`,
        );
      }
      return value.name.replace(NAME_PART, (part) => {
        const placeholder = `#n${this.nameCount++}`;
        names[placeholder] = part;
        return placeholder;
      });
    }
    if (grouped) {
      const list = (value as unknown[]).map((v) => this.valuePlaceholder(v, values));
      return `(${list.join(', ')})`;
    }
    return this.valuePlaceholder(value, values);
  }

  private valuePlaceholder(value: unknown, values: Record<string, unknown>): string {
    const placeholder = `:v${this.valueCount++}`;
    values[placeholder] = value;
    return placeholder;
  }
}
