/**
 * The frames of the shape-directed XML reader (xml-reader.ts): one per open element, each
 * knowing the shape it reads. A structure collects its members by element name into slots
 * (model order) and builds the result when it ends; a list collects items; a map fills its
 * entries (each read as a two-member structure, key and value); a scalar gathers its text and
 * converts it; a plain frame reads an element as botocore's plain dict (query's
 * ResponseMetadata) or its text (ec2's requestId). Elements nothing reads get SKIP.
 */
import { setOwn } from '../../util/objects';
import { Dict, unknownUnionMember } from './common';
import { LIST_FLAT, MemberPlan, ShapePlan } from './xml-plan';
import { xmlScalar } from './xml-shapes';

export type Attrs = Readonly<Record<string, string>> | undefined;

/** Thrown (and caught by the caller) when the document needs the tree walk. */
export const NEEDS_TREE: unique symbol = Symbol('needs the tree walk');

/** Whitespace as the tree judges it (xml2js's rule: JavaScript's `\s`). */
const BLANK = /^\s*$/;

/** The slot of a frame that reports to the reader's metadata instead of its parent. */
export const META = -2;

export interface Frame {
  open(name: string, attrs: Attrs, r: FrameHost): Frame;
  text(text: string): void;
  cdata(text: string): void;
  /** The element ended: hand its value to `parent`. */
  finish(parent: Frame, r: FrameHost): void;
  /** A child frame's value, for its `slot`. */
  accept(slot: number, value: unknown): void;
}

/** What frames ask of the reader that drives them (xml-reader.ts's ShapeReader). */
export interface FrameHost {
  /** A conversion failed and its error is held (set back when a keyless map entry is dropped). */
  failed: boolean;
  fail(error: unknown): void;
  setMeta(value: unknown): void;
  /** An element read as `plan` on its own: a list item, a wrapper, the document element. */
  nodeFrame(plan: ShapePlan, slot: number, attrs: Attrs): Frame;
  /** An occurrence of a structure member (`values` holds what earlier occurrences gave). */
  memberFrame(m: MemberPlan, values: unknown[], attrs: Attrs): Frame;
  metaFrame(attrs: Attrs): Frame;
}

/** An element nothing reads (and everything inside it). */
export const SKIP: Frame = {
  open: () => SKIP,
  text() {},
  cdata() {},
  finish() {},
  accept() {},
};

/** A scalar's text. Scalars never nest (their children are skipped), so one frame serves all. */
export class ScalarFrame implements Frame {
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

  finish(parent: Frame, r: FrameHost): void {
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
export class StructFrame implements Frame {
  private readonly values: unknown[];
  private unionFirst: string | undefined = undefined;
  private unionMany = false;
  /** The errors held so far when an entry started: an entry without a key is never read. */
  private readonly failedBefore: boolean;

  constructor(
    private readonly plan: ShapePlan,
    private readonly slot: number,
    private readonly attrs: Attrs,
    r: FrameHost,
    private readonly map?: Dict,
    /** A child element read as the document's metadata (query's ResponseMetadata, ec2's requestId). */
    private sideName?: string,
  ) {
    this.values = new Array<unknown>(plan.members.length);
    this.failedBefore = r.failed;
  }

  open(name: string, attrs: Attrs, r: FrameHost): Frame {
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

  finish(parent: Frame, r: FrameHost): void {
    parent.accept(this.slot, this.map ? this.finishEntry(this.map, r) : this.finishStruct(r));
  }

  private finishStruct(r: FrameHost): unknown {
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

  private finishEntry(map: Dict, r: FrameHost): Dict {
    const [key, value] = this.values;
    // No key element: the tree walk skips the entry without reading its value.
    if (key === undefined) r.failed = this.failedBefore;
    else if (value !== undefined) setOwn(map, String(key), value);
    return map;
  }
}

/** A wrapped list: every child element is an item. */
export class ListFrame implements Frame {
  private readonly items: unknown[] = [];
  private itemName: string | undefined = undefined;

  constructor(private readonly plan: ShapePlan, private readonly slot: number) {}

  open(name: string, attrs: Attrs, r: FrameHost): Frame {
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
export class MapFrame implements Frame {
  private entryName: string | undefined = undefined;

  constructor(private readonly plan: ShapePlan, private readonly slot: number, private readonly map: Dict) {}

  open(name: string, attrs: Attrs, r: FrameHost): Frame {
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

export const PLAIN_DICT = 0;
const PLAIN_AUTO = 1;
export const PLAIN_TEXT = 2;

/**
 * botocore's plain reading of an element (xmlToPlain): DICT, its children as a dict (the first
 * of repeated names); AUTO, a dict when it has children, else its text or null; TEXT, its text
 * or null (`.text`), children ignored.
 */
export class PlainFrame implements Frame {
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

  finish(parent: Frame, r: FrameHost): void {
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
