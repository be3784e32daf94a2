/**
 * The shape-directed XML reader: parses a success body straight into the result, in one pass
 * over the tokenizer's events, with no tree in between. Each open element has a frame that
 * knows the shape it reads (a structure collects its members, a list its items, a map its
 * entries, a scalar its text); elements no member names are skipped, though still checked for
 * well-formedness by the tokenizer.
 *
 * The result is the tree walk's (xml-shapes.ts) to the key: members in model order, the first
 * occurrence of a repeated scalar or structure, flattened lists and maps from every occurrence,
 * xmlAttribute members from the element's attributes, text by the tree's rules (an element with
 * attributes or children keeps only text that is more than whitespace, or CDATA). Conversion
 * errors (a bad number or timestamp, a union with two members) are held until the whole
 * document has been read, so a body that is not well-formed is reported as such first, as it
 * was when the tree was built before any conversion. (When several values fail, the first in
 * document order is thrown; the tree walk threw the first in model order.)
 *
 * Layouts one pass cannot follow are left to the tree walk (the reader throws NEEDS_TREE and
 * the caller parses the tree): a wrapped list element that repeats (botocore then reads each
 * wrapper as an item), list or map children under different names (the tree groups them by
 * name), a flattened list read as a single node, an element two members read. AWS responses
 * do none of these; spec/unit/protocols/parse/xml-reader.spec.ts compares the two ways on
 * generated shapes and documents.
 */
import { setOwn } from '../../util/objects';
import { XmlHandler } from '../xml-scanner';
import { Dict, unknownUnionMember } from './common';
import { LIST_FLAT, LIST_WRAPPED, MAP_FLAT, MAP_WRAPPED, MemberPlan, SCALAR, ShapePlan, STRUCT } from './xml-plan';
import { xmlScalar } from './xml-shapes';

type Attrs = Readonly<Record<string, string>> | undefined;

/** Thrown (and caught by the caller) when the document needs the tree walk. */
export const NEEDS_TREE: unique symbol = Symbol('needs the tree walk');

/** Whitespace as the tree judges it (xml2js's rule: JavaScript's `\s`). */
const BLANK = /^\s*$/;

/** The slot of a frame that reports to the reader's metadata instead of its parent. */
const META = -2;

interface Frame {
  open(name: string, attrs: Attrs, r: ShapeReader): Frame;
  text(text: string): void;
  cdata(text: string): void;
  /** The element ended: hand its value to `parent`. */
  finish(parent: Frame, r: ShapeReader): void;
  /** A child frame's value, for its `slot`. */
  accept(slot: number, value: unknown): void;
}

/** An element nothing reads (and everything inside it). */
const SKIP: Frame = {
  open: () => SKIP,
  text() {},
  cdata() {},
  finish() {},
  accept() {},
};

/** A scalar's text. Scalars never nest (their children are skipped), so one frame serves all. */
class ScalarFrame implements Frame {
  private plan!: ShapePlan;
  private slot = 0;
  private buf = '';
  private cdataSeen = false;
  /** Has attributes or child elements: whitespace-only text then reads as ''. */
  private nested = false;

  reset(plan: ShapePlan, slot: number, attrs: Attrs): this {
    this.plan = plan;
    this.slot = slot;
    this.buf = '';
    this.cdataSeen = false;
    this.nested = attrs !== undefined;
    return this;
  }

  open(): Frame {
    this.nested = true;
    return SKIP;
  }

  text(text: string): void {
    this.buf += text;
  }

  cdata(text: string): void {
    this.buf += text;
    this.cdataSeen = true;
  }

  finish(parent: Frame, r: ShapeReader): void {
    let text = this.buf;
    if (this.nested && !this.cdataSeen && BLANK.test(text)) text = '';
    let value: unknown = null;
    try {
      value = xmlScalar(this.plan.shape, text);
    } catch (error) {
      r.fail(error);
    }
    parent.accept(this.slot, value);
  }

  accept(): void {}
}

/**
 * A structure, or a map entry (`map` set: its key and value members go into the map). Values
 * sit by member index until the element ends, then become the result in model order.
 */
class StructFrame implements Frame {
  private readonly values: unknown[];
  private unionFirst: string | undefined = undefined;
  private unionMany = false;
  /** The errors held so far when an entry started: an entry without a key is never read. */
  private readonly failedBefore: boolean;

  constructor(
    private readonly plan: ShapePlan,
    private readonly slot: number,
    private readonly attrs: Attrs,
    r: ShapeReader,
    private readonly map?: Dict,
    /** A child element read as the document's metadata (query's ResponseMetadata, ec2's requestId). */
    private sideName?: string,
  ) {
    this.values = new Array<unknown>(plan.members.length);
    this.failedBefore = r.failed;
  }

  open(name: string, attrs: Attrs, r: ShapeReader): Frame {
    if (this.plan.unionTags && name !== '__type') {
      if (this.unionFirst === undefined) this.unionFirst = name;
      else if (name !== this.unionFirst) this.unionMany = true;
    }
    if (name === this.sideName) {
      this.sideName = undefined;
      return r.metaFrame(attrs);
    }
    const m = this.plan.byElement.get(name);
    if (m === null) throw NEEDS_TREE;
    return m ? r.memberFrame(m, this.values, attrs) : SKIP;
  }

  text(): void {}
  cdata(): void {}

  accept(slot: number, value: unknown): void {
    if (this.plan.members[slot].plan.kind === LIST_FLAT) (this.values[slot] as unknown[]).push(value);
    else this.values[slot] = value;
  }

  finish(parent: Frame, r: ShapeReader): void {
    parent.accept(this.slot, this.map ? this.finishEntry(this.map, r) : this.finishStruct(r));
  }

  private finishStruct(r: ShapeReader): unknown {
    const tags = this.plan.unionTags;
    if (tags) {
      const present = this.unionFirst === undefined ? [] : this.unionMany ? [this.unionFirst, ''] : [this.unionFirst];
      try {
        const unknown = unknownUnionMember(this.plan.shape, present);
        if (unknown) return unknown;
      } catch (error) {
        r.fail(error);
        return null;
      }
    }
    const out: Dict = {};
    const { members } = this.plan;
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      const v = this.values[i];
      if (v !== undefined) out[m.outName] = v;
      else if (m.attribute !== undefined && this.attrs && Object.prototype.hasOwnProperty.call(this.attrs, m.attribute)) {
        out[m.outName] = this.attrs[m.attribute];
      }
    }
    return out;
  }

  private finishEntry(map: Dict, r: ShapeReader): Dict {
    const [key, value] = this.values;
    // No key element: the tree walk skips the entry without reading its value.
    if (key === undefined) r.failed = this.failedBefore;
    else if (value !== undefined) setOwn(map, String(key), value);
    return map;
  }
}

/** A wrapped list: every child element is an item. */
class ListFrame implements Frame {
  private readonly items: unknown[] = [];
  private itemName: string | undefined = undefined;

  constructor(private readonly plan: ShapePlan, private readonly slot: number) {}

  open(name: string, attrs: Attrs, r: ShapeReader): Frame {
    // The tree groups children by name; items under one name keep document order.
    if (this.itemName === undefined) this.itemName = name;
    else if (name !== this.itemName) throw NEEDS_TREE;
    return r.nodeFrame(this.plan.item, 0, attrs);
  }

  text(): void {}
  cdata(): void {}

  accept(_slot: number, value: unknown): void {
    this.items.push(value);
  }

  finish(parent: Frame): void {
    parent.accept(this.slot, this.items);
  }
}

/** A wrapped map: every child element is an entry. */
class MapFrame implements Frame {
  private entryName: string | undefined = undefined;

  constructor(private readonly plan: ShapePlan, private readonly slot: number, private readonly map: Dict) {}

  open(name: string, attrs: Attrs, r: ShapeReader): Frame {
    if (this.entryName === undefined) this.entryName = name;
    else if (name !== this.entryName) throw NEEDS_TREE;
    return new StructFrame(this.plan.entry, 0, attrs, r, this.map);
  }

  text(): void {}
  cdata(): void {}
  accept(): void {}

  finish(parent: Frame): void {
    parent.accept(this.slot, this.map);
  }
}

const PLAIN_DICT = 0;
const PLAIN_AUTO = 1;
const PLAIN_TEXT = 2;

/**
 * botocore's plain reading of an element (xmlToPlain): DICT, its children as a dict (the first
 * of repeated names); AUTO, a dict when it has children, else its text or null; TEXT, its text
 * or null (`.text`), children ignored.
 */
class PlainFrame implements Frame {
  private readonly names: string[] = [];
  private out: Dict | undefined = undefined;
  private buf = '';
  private cdataSeen = false;
  private nested: boolean;

  constructor(private readonly mode: number, private readonly slot: number, attrs: Attrs) {
    this.nested = attrs !== undefined;
  }

  open(name: string, attrs: Attrs): Frame {
    this.nested = true;
    if (this.mode === PLAIN_TEXT || this.names.includes(name)) return SKIP;
    this.names.push(name);
    return new PlainFrame(PLAIN_AUTO, this.names.length - 1, attrs);
  }

  text(text: string): void {
    this.buf += text;
  }

  cdata(text: string): void {
    this.buf += text;
    this.cdataSeen = true;
  }

  accept(slot: number, value: unknown): void {
    setOwn((this.out ??= {}), this.names[slot], value);
  }

  finish(parent: Frame, r: ShapeReader): void {
    let value: unknown;
    if (this.mode === PLAIN_DICT || (this.mode === PLAIN_AUTO && this.names.length > 0)) value = this.out ?? {};
    else {
      const text = this.nested && !this.cdataSeen && BLANK.test(this.buf) ? '' : this.buf;
      value = text === '' ? null : text;
    }
    if (this.slot === META) r.setMeta(value);
    else parent.accept(this.slot, value);
  }
}

/** What to read from a document: its root as a shape, or query's result wrapper and metadata. */
export interface ReadSpec {
  /** The shape read (undefined: nothing but the metadata). */
  shape?: ShapePlan;
  /** The root's child that holds the shape (query's resultWrapper); else the root itself. */
  wrapper?: string;
  /** A root child read as metadata, and how: ResponseMetadata as a dict, requestId as text. */
  meta?: { element: string; asText: boolean };
}

export interface ReadResult {
  /** The shape's value; undefined when the wrapper was missing or there was no shape. */
  value: unknown;
  /** The metadata element's value; absent when there was no such element. */
  meta?: unknown;
}

/** The document element, per the ReadSpec. */
class RootFrame implements Frame {
  private readSeen = false;
  private metaSeen = false;

  constructor(private readonly spec: ReadSpec) {}

  open(name: string, attrs: Attrs, r: ShapeReader): Frame {
    const { shape, wrapper, meta } = this.spec;
    if (r.depth === 0) {
      // The document element itself.
      if (wrapper !== undefined || !shape) return this;
      if (shape.kind !== STRUCT) {
        if (meta) throw NEEDS_TREE;
        return r.nodeFrame(shape, 0, attrs);
      }
      if (meta && shape.byElement.has(meta.element)) throw NEEDS_TREE;
      return new StructFrame(shape, 0, attrs, r, undefined, meta?.element);
    }
    // A child of the document element (only reached with a wrapper or without a shape).
    if (shape && name === wrapper && !this.readSeen) {
      this.readSeen = true;
      return r.nodeFrame(shape, 0, attrs);
    }
    if (meta && name === meta.element && !this.metaSeen) {
      this.metaSeen = true;
      return r.metaFrame(attrs);
    }
    return SKIP;
  }

  text(): void {}
  cdata(): void {}

  accept(_slot: number, value: unknown): void {
    this.value = value;
  }

  value: unknown = undefined;

  finish(): void {}
}

export class ShapeReader implements XmlHandler {
  private readonly frames: Frame[] = [];
  private top: Frame;
  private readonly root: RootFrame;
  private readonly scalar = new ScalarFrame();
  /** A conversion failed; `error` is the first such error, thrown once the document is read. */
  failed = false;
  private error: unknown = undefined;
  private meta: { value: unknown } | undefined = undefined;

  constructor(private readonly spec: ReadSpec) {
    this.root = new RootFrame(spec);
    this.top = this.root;
  }

  /** Elements open between the document and the current one (0: none yet). */
  get depth(): number {
    return this.frames.length;
  }

  fail(error: unknown): void {
    if (!this.failed) this.error = error;
    this.failed = true;
  }

  setMeta(value: unknown): void {
    this.meta = { value };
  }

  /** An element read as `plan` on its own: a list item, a wrapper, the document element. */
  nodeFrame(plan: ShapePlan, slot: number, attrs: Attrs): Frame {
    switch (plan.kind) {
      case STRUCT:
        return new StructFrame(plan, slot, attrs, this);
      case SCALAR:
        return this.scalar.reset(plan, slot, attrs);
      case LIST_WRAPPED:
        return new ListFrame(plan, slot);
      case MAP_WRAPPED:
        return new MapFrame(plan, slot, {});
      case MAP_FLAT:
        return new StructFrame(plan.entry, slot, attrs, this, {});
      default:
        // A flattened list read from one node is a one-item list: rare enough for the tree.
        throw NEEDS_TREE;
    }
  }

  /** An occurrence of a structure member (`values` holds what earlier occurrences gave). */
  memberFrame(m: MemberPlan, values: unknown[], attrs: Attrs): Frame {
    const plan = m.plan;
    const i = m.index;
    const seen = values[i] !== undefined;
    switch (plan.kind) {
      case STRUCT:
      case SCALAR:
        // The first occurrence is the member; later ones are ignored, as in the tree walk.
        return seen ? SKIP : this.nodeFrame(plan, i, attrs);
      case LIST_FLAT:
        if (!seen) values[i] = [];
        return this.nodeFrame(plan.item, i, attrs);
      case LIST_WRAPPED:
        // A repeated wrapper makes botocore read each wrapper as an item: the tree does that.
        if (seen) throw NEEDS_TREE;
        return new ListFrame(plan, i);
      case MAP_WRAPPED:
        return new MapFrame(plan, i, seen ? (values[i] as Dict) : {});
      default:
        return new StructFrame(plan.entry, i, attrs, this, seen ? (values[i] as Dict) : {});
    }
  }

  metaFrame(attrs: Attrs): Frame {
    return new PlainFrame(this.spec.meta?.asText ? PLAIN_TEXT : PLAIN_DICT, META, attrs);
  }

  open(name: string, attrs: Attrs): void {
    const frame = this.top.open(name, attrs, this);
    this.frames.push(this.top);
    this.top = frame;
  }

  text(text: string): void {
    this.top.text(text);
  }

  cdata(text: string): void {
    this.top.cdata(text);
  }

  close(): void {
    const frame = this.top;
    this.top = this.frames.pop() as Frame;
    frame.finish(this.top, this);
  }

  /** The result, once the tokenizer has read the whole document; throws a held conversion error. */
  result(): ReadResult {
    if (this.failed) throw this.error;
    const out: ReadResult = { value: this.root.value };
    if (this.meta) out.meta = this.meta.value;
    return out;
  }
}
