/**
 * The line layout of a model file, and a lazy reader for it.
 *
 * `npm run models:import` writes each service-2.json as ordinary JSON with one entry per line
 * (scripts/import-models.ts, writeLineLayout):
 *
 *   {"version":"2.0","metadata":{...},     <- every member that is not a section, then a comma
 *   "operations":{                          <- a section opens
 *   "AbortMultipartUpload":{...},           <- one entry per line, the last without a comma
 *   "CompleteMultipartUpload":{...}
 *   },                                      <- a section closes ('}}' after the last one)
 *   "shapes":{
 *   ...
 *   }}
 *
 * Any JSON reader still reads it; readLineLayout reads it lazily instead: the head is parsed, and
 * each section becomes a record whose entries are parsed from their line on first access. EC2's
 * 1.1 MB model costs an index of its operation names instead of a 10-20 ms JSON.parse, and its
 * shapes are not even read from disk until one is wanted (model-file.ts), so creating a client
 * does nothing proportional to the model's size. A file in any other shape (botocore's own,
 * pretty-printed, a user's) gets `undefined` and is parsed whole.
 */

const SECTION_OPEN = /^"([A-Za-z0-9_]+)":\{$/;

/** What a lazy record knows besides its parsed entries. */
interface LazyState {
  /** Entry text by key, in file order; an entry is parsed when it is first read. */
  texts(): Map<string, string>;
  /** The parsed entries and any added by assignment. */
  target: Record<string, unknown>;
  /** Every key in order (texts' order, then added keys), until the keys change. */
  keys: string[] | null;
  /** `keys`, worked out again when null. */
  allKeys(): string[];
}

const states = new WeakMap<object, LazyState>();
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * A record whose values are parsed from JSON text on first access. It behaves as the plain
 * object JSON.parse would have returned (keys in file order, `in`, hasOwnProperty, Object.entries,
 * JSON.stringify, assignment, delete); a value once read is an ordinary object, shared.
 */
export function lazyRecord(indexTexts: () => Map<string, string>, origin: string): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  // The entries are indexed (split into lines and keys) on the record's first use.
  let indexed: Map<string, string> | undefined;
  const texts = (): Map<string, string> => (indexed ??= indexTexts());
  const state: LazyState = { texts, target, keys: null, allKeys: () => allKeys() };
  const unread = (prop: string | symbol): prop is string => typeof prop === 'string' && !hasOwn(target, prop) && texts().has(prop);
  const materialize = (key: string): void => {
    try {
      target[key] = JSON.parse(texts().get(key) as string);
    } catch (err) {
      throw new Error(`Unable to parse model data ${origin}, entry '${key}': ${(err as Error).message}`);
    }
  };
  const allKeys = (): string[] => {
    if (state.keys === null) {
      const all = texts();
      const added = Object.keys(target).filter((k) => !all.has(k));
      state.keys = added.length === 0 ? [...all.keys()] : [...all.keys(), ...added];
    }
    return state.keys;
  };
  const proxy: Record<string, unknown> = new Proxy(target, {
    get(t, prop, receiver) {
      if (unread(prop)) materialize(prop);
      return Reflect.get(t, prop, receiver);
    },
    has(t, prop) {
      return (typeof prop === 'string' && texts().has(prop)) || Reflect.has(t, prop);
    },
    ownKeys() {
      return allKeys();
    },
    getOwnPropertyDescriptor(t, prop) {
      // Object.keys and hasOwnProperty ask for a descriptor of every key: an unread entry answers
      // with a getter, so listing the keys parses nothing.
      if (unread(prop)) return { configurable: true, enumerable: true, get: () => proxy[prop] };
      return Reflect.getOwnPropertyDescriptor(t, prop);
    },
    set(t, prop, value) {
      if (typeof prop === 'string' && !texts().has(prop) && !hasOwn(t, prop)) state.keys = null;
      t[prop as string] = value;
      return true;
    },
    defineProperty(t, prop, descriptor) {
      if (typeof prop === 'string' && !texts().has(prop) && !hasOwn(t, prop)) state.keys = null;
      return Reflect.defineProperty(t, prop, descriptor);
    },
    deleteProperty(t, prop) {
      if (typeof prop === 'string') texts().delete(prop);
      state.keys = null;
      return Reflect.deleteProperty(t, prop);
    },
  });
  states.set(proxy, state);
  return proxy;
}

/**
 * The unparsed JSON text of `key` in a lazy record, while nobody has read that entry; undefined
 * for a plain object or an entry already parsed. Lets a scan over every entry (the exception
 * shapes) skip the ones whose text cannot match without parsing them.
 */
export function pendingText(record: unknown, key: string): string | undefined {
  const state = typeof record === 'object' && record !== null ? states.get(record) : undefined;
  return state && !hasOwn(state.target, key) ? state.texts().get(key) : undefined;
}

/**
 * The keys of a record, in order: for a lazy record without asking for each key's descriptor
 * (Object.keys would, and a Proxy answers each with a new object: 765 for EC2's operations).
 */
export function recordKeys(record: object): string[] {
  const state = states.get(record);
  // Straight from the state: through the Proxy, V8 also checks the trap's answer key by key.
  return state ? [...state.allKeys()] : Object.keys(record);
}

/** Whether `value` is a lazy record (structuredClone cannot copy one: JSON round-trip it). */
export function isLazyRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && states.has(value);
}

/**
 * Reads text in the line layout: the head members parsed, each section a lazyRecord. Returns
 * undefined when the text is not in that layout, so the caller parses it whole. Only the section
 * boundaries are found here (a few indexOf calls); a section's lines are split and keyed when it
 * is first used, and each entry parsed when it is first read.
 */
export function readLineLayout(text: string, origin: string): Record<string, unknown> | undefined {
  const head = readHead(text);
  if (!head) return undefined;
  return readSections(text, head.next, head.out, origin) === 'end' ? head.out : undefined;
}

/**
 * The head line of a line-layout text: its members, and where the first section opens. Undefined
 * when the text does not start like the layout (botocore's own files are pretty-printed).
 */
export function readHead(text: string): { out: Record<string, unknown>; next: number } | undefined {
  if (text.charCodeAt(0) !== 123 /* { */) return undefined;
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0) return undefined;
  const head = text.slice(0, firstBreak);
  if (head !== '{' && !head.endsWith(',')) return undefined;
  try {
    const out = head === '{' ? {} : (JSON.parse(`${head.slice(0, -1)}}`) as Record<string, unknown>);
    return { out, next: firstBreak + 1 };
  } catch {
    return undefined;
  }
}

/**
 * Reads the sections of a line-layout text from `pos` into `out`, each a lazyRecord. Returns 'end'
 * when the document closes, 'more' when the text stops right after a section and its comma (the
 * text is a prefix of the file: model-file.ts reads the rest later), undefined when the text is
 * not in the layout.
 */
export function readSections(text: string, pos: number, out: Record<string, unknown>, origin: string): 'end' | 'more' | undefined {
  for (;;) {
    if (pos === text.length) return 'more';
    const openEnd = text.indexOf('\n', pos);
    const open = SECTION_OPEN.exec(openEnd < 0 ? '' : text.slice(pos, openEnd));
    if (!open) return undefined;
    // Entry lines start with '"', so the first line starting with '}' closes the section.
    const close = text.indexOf('\n}', openEnd);
    if (close < 0) return undefined;
    const from = openEnd + 1;
    const section = `${origin} (${open[1]})`;
    out[open[1]] = lazyRecord(() => indexEntries(text, from, close + 1, section), section);
    if (text.startsWith('},\n', close + 1)) {
      pos = close + 4;
      continue;
    }
    // The last section closes the document; only a trailing newline may follow.
    const rest = text.slice(close + 1);
    return rest === '}}' || rest === '}}\n' ? 'end' : undefined;
  }
}

/**
 * A section whose text is not read yet: `readRest` returns the file's text from the section's
 * open line to the end, on the record's first use. Sections after it (the import script writes
 * none) are added to `out` then. A rest that is not in the layout (a hand-edited file) is parsed
 * as JSON, as the whole file would have been.
 */
export function deferredSection(name: string, readRest: () => string, out: Record<string, unknown>, origin: string): Record<string, unknown> {
  const section = `${origin} (${name})`;
  return lazyRecord(() => {
    const text = readRest();
    let late: Record<string, unknown> = {};
    let entries: Map<string, string>;
    if (text.startsWith(`"${name}":{\n`) && readSections(text, 0, late, origin) === 'end') {
      entries = (states.get(late[name] as object) as LazyState).texts();
    } else {
      try {
        // The part before ended with a comma (or was the head's '{'): '{' + rest is the rest of
        // the document as an object exactly when the whole file is JSON.
        late = JSON.parse(`{${text}`) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`Unable to parse model data ${section}: ${(err as Error).message}`);
      }
      const value = late[name];
      if (!isPlainRecord(value)) throw new Error(`Unable to parse model data ${section}: not an object`);
      entries = new Map(Object.entries(value).map(([key, entry]) => [key, JSON.stringify(entry)]));
    }
    for (const key of Object.keys(late)) if (key !== name) out[key] = late[key];
    return entries;
  }, section);
}

/** Entry text by key for the lines of text[from, to), each `"Key":<json>` with an optional comma. */
function indexEntries(text: string, from: number, to: number, origin: string): Map<string, string> {
  const entries = new Map<string, string>();
  if (to <= from) return entries;
  for (let start = from; start < to; ) {
    let stop = text.indexOf('\n', start);
    if (stop < 0 || stop >= to) stop = to - 1;
    const line = text.slice(start, stop);
    start = stop + 1;
    const end = line.indexOf('":');
    const key = line.slice(1, end);
    // The writer never puts a key with an escape in this layout.
    if (line.charCodeAt(0) !== 34 /* " */ || end < 0 || key.includes('\\')) {
      throw new Error(`Unable to parse model data ${origin}: not one entry per line near ${JSON.stringify(line.slice(0, 60))}`);
    }
    entries.set(key, line.charCodeAt(line.length - 1) === 44 /* , */ ? line.slice(end + 2, -1) : line.slice(end + 2));
  }
  return entries;
}

/** Writes `doc` in the line layout: members that are plain objects in `sections` one entry per line. */
export function writeLineLayout(doc: Record<string, unknown>, sections: readonly string[], stringify: (value: unknown) => string): string {
  const present = sections.filter((s) => isPlainRecord(doc[s]));
  const headMembers = Object.entries(doc).filter(([k]) => !present.includes(k));
  if (present.length === 0) return stringify(doc);
  const lines = [`{${headMembers.map(([k, v]) => `${JSON.stringify(k)}:${stringify(v)},`).join('')}`];
  present.forEach((section, s) => {
    lines.push(`${JSON.stringify(section)}:{`);
    const entries = Object.entries(doc[section] as Record<string, unknown>);
    entries.forEach(([k, v], j) => lines.push(`${JSON.stringify(k)}:${stringify(v)}${j < entries.length - 1 ? ',' : ''}`));
    lines.push(s < present.length - 1 ? '},' : '}}');
  });
  return lines.join('\n');
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
