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
import { XmlHandler } from '../xml-scanner';
import { Dict } from './common';
import {
  Attrs, Frame, FrameHost, ListFrame, MapFrame, META, NEEDS_TREE, PLAIN_DICT, PLAIN_TEXT, PlainFrame, ScalarFrame, SKIP, StructFrame,
} from './xml-frames';
import { LIST_FLAT, LIST_WRAPPED, MAP_FLAT, MAP_WRAPPED, MemberPlan, SCALAR, ShapePlan, STRUCT } from './xml-plan';

export { NEEDS_TREE } from './xml-frames';

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
  /** What the shape read gave. */
  value: unknown = undefined;
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

  finish(): void {}
}

export class ShapeReader implements XmlHandler, FrameHost {
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
