/**
 * Strings that match a model's `pattern`. botojs validates patterns (strict by design) and
 * botocore does not, so a generated value that misses its pattern gets refused by one SDK only,
 * and the request under test is never compared. This samples a string from the regex itself.
 *
 * It understands the subset AWS models use: literals and escapes, `.`, classes with ranges and
 * negation, `\d \w \s \p{..}`-style shorthands, groups (capturing, `(?:`), alternation,
 * quantifiers (`* + ? {n} {n,} {n,m}`, lazy or not) and anchors. Lookarounds and back-references
 * are skipped, so the caller must check the sample against the real regex (and try again).
 * Samples are printable ASCII, and kept short: unbounded repeats take one to three turns.
 */
import { Prng } from './prng';

type Node =
  | { t: 'chars'; set: string }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'repeat'; node: Node; min: number; max: number; open: boolean }
  | { t: 'empty' };

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const DIGITS = '0123456789';
const WORD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';
const SPACE = ' ';
/** What `.` and negated classes draw from: safe in URLs, headers and hosts alike. */
const SAFE = 'abcdefghijklmnopqrstuvwxyz0123456789';

function complement(set: string): string {
  const out = [...PRINTABLE].filter((c) => !set.includes(c)).join('');
  return out || 'a';
}

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.alt();
    return n;
  }

  private peek(): string {
    return this.src[this.pos];
  }

  private alt(): Node {
    const options = [this.seq()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.seq());
    }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  }

  private seq(): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { t: 'seq', items };
  }

  private quantified(atom: Node): Node {
    let node = atom;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos))) {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos))!;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        this.pos += m[0].length - 1;
      } else return node;
      this.pos++;
      if (this.peek() === '?' || this.peek() === '+') this.pos++; // lazy / possessive
      node = { t: 'repeat', node, min, max, open: max === Infinity };
    }
  }

  private atom(): Node {
    const c = this.src[this.pos++];
    switch (c) {
      case '^':
      case '$':
        return { t: 'empty' };
      case '.':
        return { t: 'chars', set: SAFE };
      case '(': {
        let skip = false;
        if (this.peek() === '?') {
          const rest = this.src.slice(this.pos);
          if (/^\?[=!<]/.test(rest) && !/^\?<[A-Za-z]/.test(rest)) skip = true; // lookaround
          const m = /^\?(:|=|!|<=|<!|<[A-Za-z]\w*>|[imsx-]+:|[imsx-]+\))/.exec(rest);
          if (m) this.pos += m[0].length;
          if (m && m[0].endsWith(')')) return { t: 'empty' }; // inline flags
        }
        const inner = this.alt();
        if (this.peek() === ')') this.pos++;
        return skip ? { t: 'empty' } : inner;
      }
      case '[':
        return this.charClass();
      case '\\':
        return this.escape(false);
      default:
        return { t: 'chars', set: c };
    }
  }

  /** An escape after the backslash; `inClass` for class members (returns the set). */
  private escape(inClass: boolean): Node {
    const c = this.src[this.pos++];
    switch (c) {
      case 'd':
        return { t: 'chars', set: DIGITS };
      case 'D':
        return { t: 'chars', set: complement(DIGITS) };
      case 'w':
        return { t: 'chars', set: WORD };
      case 'W':
        return { t: 'chars', set: complement(WORD) };
      case 's':
        return { t: 'chars', set: SPACE };
      case 'S':
        return { t: 'chars', set: SAFE };
      case 'p':
      case 'P': {
        const m = /^\{[^}]*\}/.exec(this.src.slice(this.pos));
        if (m) this.pos += m[0].length;
        const name = m ? m[0] : '';
        if (/N|Digit/.test(name)) return { t: 'chars', set: DIGITS };
        if (/Punct/.test(name)) return { t: 'chars', set: '-_.' };
        if (/Space|Z/.test(name)) return { t: 'chars', set: SPACE };
        return { t: 'chars', set: c === 'P' ? DIGITS : 'abcxyzABC' };
      }
      case 'u': {
        const m = /^(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/.exec(this.src.slice(this.pos));
        if (!m) return { t: 'chars', set: 'u' };
        this.pos += m[0].length;
        const code = parseInt(m[0].replace(/[{}]/g, ''), 16);
        return { t: 'chars', set: String.fromCodePoint(code) };
      }
      case 'x': {
        const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos));
        if (!m) return { t: 'chars', set: 'x' };
        this.pos += 2;
        return { t: 'chars', set: String.fromCharCode(parseInt(m[0], 16)) };
      }
      case 'n':
        return { t: 'chars', set: '\n' };
      case 't':
        return { t: 'chars', set: '\t' };
      case 'r':
        return { t: 'chars', set: '\r' };
      case 'b':
      case 'B':
      case 'A':
      case 'z':
      case 'Z':
      case 'G':
        return inClass ? { t: 'chars', set: c === 'b' ? '\b' : c } : { t: 'empty' };
      default:
        return { t: 'chars', set: c ?? '' };
    }
  }

  private charClass(): Node {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.pos++;
    }
    let set = '';
    let first = true;
    while (this.pos < this.src.length && (this.peek() !== ']' || first)) {
      first = false;
      let lo: string;
      if (this.peek() === '\\') {
        this.pos++;
        const e = this.escape(true) as { t: 'chars'; set: string };
        if (e.set.length !== 1) {
          set += e.set;
          continue;
        }
        lo = e.set;
      } else if (this.peek() === '[') {
        // Java's nested class union: flatten it.
        this.pos++;
        const inner = this.charClass() as { t: 'chars'; set: string };
        set += inner.set;
        continue;
      } else {
        lo = this.src[this.pos++];
      }
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        let hi: string;
        if (this.peek() === '\\') {
          this.pos++;
          hi = (this.escape(true) as { t: 'chars'; set: string }).set[0] ?? lo;
        } else hi = this.src[this.pos++];
        const a = lo.codePointAt(0)!;
        const b = Math.min(hi.codePointAt(0)!, a + 200);
        for (let x = a; x <= b; x++) set += String.fromCodePoint(x);
      } else {
        set += lo;
      }
    }
    this.pos++; // ]
    if (negate) return { t: 'chars', set: complement(set) };
    return { t: 'chars', set };
  }
}

interface CharChoices {
  plain: string[];
  printable: string[];
  all: string[];
}

/** Per character set, split once: sampling draws thousands of characters from few sets. */
const choiceCache = new Map<string, CharChoices>();

/** Prefers plain ASCII letters and digits when a class offers them: safest on every wire. */
function pickChar(rng: Prng, set: string): string {
  let c = choiceCache.get(set);
  if (!c) {
    const all = [...set];
    c = { all, plain: all.filter((ch) => /[a-z0-9]/.test(ch)), printable: all.filter((ch) => ch >= ' ' && ch <= '~') };
    choiceCache.set(set, c);
  }
  const from = c.plain.length && rng.chance(0.85) ? c.plain : c.printable.length ? c.printable : c.all;
  return from.length ? rng.pick(from) : '';
}

/** Appends a sample of `node` to `out`; stops repeating once `limit` characters are out. */
function emit(node: Node, rng: Prng, stretch: number, out: string[], limit: number): void {
  switch (node.t) {
    case 'chars':
      out.push(pickChar(rng, node.set));
      return;
    case 'seq':
      for (const n of node.items) emit(n, rng, stretch, out, limit);
      return;
    case 'alt':
      emit(rng.pick(node.options), rng, stretch, out, limit);
      return;
    case 'repeat': {
      // Short by default; later attempts stretch repeats to reach a shape's minimum length.
      const hi = Math.max(node.min, Math.min(node.max, node.min + 2 + stretch));
      const lo = Math.min(hi, node.min + Math.floor(stretch / 2));
      // Half the short samples keep each repeat at its minimum: `.*X.*` under an exact length
      // or word boundaries needs the wildcards empty.
      const n = stretch === 0 && rng.chance(0.5) ? node.min : rng.int(lo, hi);
      for (let i = 0; i < n && (i < node.min || out.length < limit); i++) emit(node.node, rng, stretch, out, limit);
      return;
    }
    default:
      return;
  }
}

const STRETCH_LEVELS = [2, 4, 8, 16, 32, 64, 128, 512, 4096];

const compiled = new Map<string, RegExp | null>();
const parsed = new Map<string, Node | null>();

/** The pattern as botojs compiles it (JS, `u` flag), or null when JS cannot. */
export function patternRegExp(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * A string matching `pattern` with length in [min, max], or undefined when none was found in a
 * few attempts (the caller then keeps its own value; the case shows what each SDK does).
 */
export function sampleMatching(pattern: string, rng: Prng, min: number, max: number): string | undefined {
  const re = patternRegExp(pattern);
  if (!re) return undefined;
  let ast = parsed.get(pattern);
  if (ast === undefined) {
    try {
      ast = new Parser(pattern).parse();
    } catch {
      ast = null;
    }
    parsed.set(pattern, ast);
  }
  if (ast === null) return undefined;
  for (let attempt = 0; attempt < 96; attempt++) {
    // Short samples and longer ones in turn, cycling through the stretch levels: some patterns
    // need every repeat at its minimum (an exact length), others long runs (a minimum length).
    const stretch = attempt % 2 === 0 ? 0 : STRETCH_LEVELS[(attempt >> 1) % STRETCH_LEVELS.length];
    const out: string[] = [];
    emit(ast, rng, stretch, out, Math.min(max, min + 64));
    const s = out.join('');
    const len = s.length;
    if (len >= min && len <= max && re.test(s)) return s;
  }
  return undefined;
}
