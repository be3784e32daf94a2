/**
 * What the shape-directed XML reader (xml-reader.ts) needs to know about a shape, worked out
 * once per Shape and kept: which element names a structure reads and into which member, how a
 * list or map is laid out (wrapped or flattened), the entry layout of a map. The rules are the
 * tree walk's (xml-shapes.ts). An element name that two members read (two flattened lists of
 * one item name, a map whose key and value share a name) maps to null: one pass cannot give
 * it to both, so when such an element turns up the reader hands the document to the tree walk.
 */
import type { Shape } from '../../models/shape';
import { memberKeyName } from './xml-shapes';

export const STRUCT = 0;
export const SCALAR = 1;
export const LIST_WRAPPED = 2;
export const LIST_FLAT = 3;
export const MAP_WRAPPED = 4;
export const MAP_FLAT = 5;
export type PlanKind = typeof STRUCT | typeof SCALAR | typeof LIST_WRAPPED | typeof LIST_FLAT | typeof MAP_WRAPPED | typeof MAP_FLAT;

const NON_BODY_LOCATIONS = new Set(['header', 'headers', 'statusCode']);

/** One member of a structure (or the key or value of a map entry) read from the body. */
export class MemberPlan {
  private _plan: ShapePlan | undefined;

  constructor(
    /** Position in the structure's members (model order): where the reader keeps its value. */
    readonly index: number,
    /** The key in the parsed result. */
    readonly outName: string,
    /** The child element it is read from. */
    readonly element: string,
    readonly shape: Shape,
    /** For an xmlAttribute member: the attribute read when the element is absent. */
    readonly attribute: string | undefined,
  ) {}

  /** Resolved on first use: recursive shapes plan only as deep as documents go. */
  get plan(): ShapePlan {
    return (this._plan ??= planFor(this.shape));
  }
}

export class ShapePlan {
  readonly kind: PlanKind;
  /** Structures (and map entries): body members in model order, and by element name (null: read by several). */
  readonly members: MemberPlan[] = [];
  readonly byElement = new Map<string, MemberPlan | null>();
  /** Element names the tree walk knows as a union's members (its locationName, else its name). */
  readonly unionTags: Set<string> | undefined;
  private _item: ShapePlan | undefined;
  private _entry: ShapePlan | undefined;

  constructor(readonly shape: Shape, entryOf?: Shape) {
    if (entryOf) {
      this.kind = STRUCT;
      this.unionTags = undefined;
      this.planEntry(entryOf);
      return;
    }
    const t = shape.type;
    const flat = shape.serialization.flattened === true;
    this.kind = t === 'structure' ? STRUCT : t === 'list' ? (flat ? LIST_FLAT : LIST_WRAPPED) : t === 'map' ? (flat ? MAP_FLAT : MAP_WRAPPED) : SCALAR;
    this.unionTags = undefined;
    if (this.kind !== STRUCT) return;
    const members = shape.members;
    for (const name of shape.memberNames) {
      const member = members[name];
      const ser = member.serialization;
      if ((ser.location && NON_BODY_LOCATIONS.has(ser.location)) || ser.eventheader) continue;
      const attribute = ser.xmlAttribute && ser.name ? ser.name : undefined;
      this.add(new MemberPlan(this.members.length, name, memberKeyName(member, name), member, attribute));
    }
    if (shape.isUnion) this.unionTags = new Set(shape.memberNames.map((m) => members[m].serialization.name ?? m));
  }

  /** A list's items. */
  get item(): ShapePlan {
    return (this._item ??= planFor(this.shape.listMember));
  }

  /** A map entry, read as a two-member structure: the key element and the value element. */
  get entry(): ShapePlan {
    return (this._entry ??= new ShapePlan(this.shape, this.shape));
  }

  private planEntry(map: Shape): void {
    const keyShape = map.mapKey;
    const valueShape = map.mapValue;
    this.add(new MemberPlan(0, 'key', keyShape.serialization.name || 'key', keyShape, undefined));
    this.add(new MemberPlan(1, 'value', valueShape.serialization.name || 'value', valueShape, undefined));
  }

  private add(m: MemberPlan): void {
    this.members.push(m);
    // Two members on one element: the tree walk gives the element to both; one pass cannot.
    this.byElement.set(m.element, this.byElement.has(m.element) ? null : m);
  }
}

const plans = new WeakMap<Shape, ShapePlan>();

/** The plan for `shape`, made once (Shapes are cached by their model, so plans are too). */
export function planFor(shape: Shape): ShapePlan {
  let plan = plans.get(shape);
  if (!plan) {
    plan = new ShapePlan(shape);
    plans.set(shape, plan);
  }
  return plan;
}
