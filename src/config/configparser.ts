/**
 * Python's `configparser.RawConfigParser()` with its default settings, reading one file as
 * botocore's `raw_config_parse` does. Contract: given a file's text, return its sections in file
 * order with every option's value exactly as configparser gives it, or throw ConfigParseError
 * naming the file, the line, the section and the problem (never a value: files hold secrets).
 *
 * The rules, each checked against Python 3.11's configparser:
 * - Lines end at \n, \r or \r\n (Python's universal newlines).
 * - A line whose stripped text starts with `#` or `;` is a comment, even indented, even between
 *   continuation lines (it does not end the value). There are no inline comments: `a; b` and
 *   `x # y` are values, verbatim.
 * - A line indented deeper than the line of the current option continues that option's value;
 *   a blank line inside a value is kept (as an empty line), trailing blank lines are dropped.
 * - A header is a stripped line starting with `[`: its name runs to the line's last `]` and is
 *   kept verbatim (case and inner spaces included); text after that `]` is ignored.
 * - An option is `name = value` or `name: value`, split at the first `=` or `:`; the name is
 *   lower-cased, name and value are stripped, quotes are kept, `%` is not interpolated.
 * - A repeated section, or a repeated option in one section (case-insensitively), is an error.
 * - `[DEFAULT]` is no section: its options appear in every section that lacks them, and it may
 *   appear more than once.
 * - "Stripped" is Python's strip(): see src/util/python-whitespace.ts. So a byte-order mark is
 *   not whitespace, and a file starting with one has no section header before its first line.
 */
import { ConfigParseError } from '../errors';
import { firstNonPySpace, pyRstrip, pyStrip } from '../util/python-whitespace';

export interface ConfigOption {
  value: string;
  /** The line the option's name is on (1-based), for error messages. */
  line: number;
}

export interface ConfigSection {
  name: string;
  line: number;
  options: Map<string, ConfigOption>;
}

/** configparser's default_section: not a section, a source of defaults for all of them. */
const DEFAULT_SECTION = 'DEFAULT';

interface PendingOption {
  parts: string[];
  line: number;
}

/** The name inside `[...]` (to the line's last `]`, at least one character), or undefined. */
function headerName(stripped: string): string | undefined {
  if (!stripped.startsWith('[')) return undefined;
  const close = stripped.lastIndexOf(']');
  return close >= 2 ? stripped.slice(1, close) : undefined;
}

export function parseConfigParser(text: string, fileName: string): ConfigSection[] {
  const fail = (line: number, section: string | null, problem: string): never => {
    throw new ConfigParseError(`Unable to parse config file: ${fileName}: line ${line}${section !== null ? ` (in [${section}])` : ''}: ${problem}`);
  };
  const sections = new Map<string, { line: number; options: Map<string, PendingOption> }>();
  const defaults = new Map<string, PendingOption>();
  let current: Map<string, PendingOption> | null = null;
  let currentName: string | null = null;
  let option: PendingOption | null = null;
  let indentLevel = 0;

  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const n = i + 1;
    const stripped = pyStrip(line);
    if (stripped.startsWith('#') || stripped.startsWith(';')) return;
    if (stripped === '') {
      option?.parts.push('');
      return;
    }
    const indent = firstNonPySpace(line);
    if (option && indent > indentLevel) {
      option.parts.push(stripped);
      return;
    }
    indentLevel = indent;
    const header = headerName(stripped);
    if (header !== undefined) {
      option = null;
      currentName = header;
      if (header === DEFAULT_SECTION) {
        current = defaults;
        return;
      }
      const prior = sections.get(header);
      if (prior) fail(n, null, `section [${header}] already appeared on line ${prior.line}`);
      current = new Map();
      sections.set(header, { line: n, options: current });
      return;
    }
    const delimiter = stripped.search(/[=:]/);
    if (current === null) {
      if (n === 1 && line.startsWith('\ufeff')) fail(n, null, 'the file starts with a byte-order mark (U+FEFF), which botocore does not accept either; save it as UTF-8 without a BOM');
      if (stripped.startsWith('[') && delimiter < 0) fail(n, null, 'a section header must look like [name] (missing ]?)');
      fail(n, null, delimiter > 0 ? `the setting '${pyRstrip(stripped.slice(0, delimiter))}' appears before any [section] header` : 'a line appears before any [section] header');
    }
    if (delimiter < 0) fail(n, currentName, stripped.startsWith('[') ? 'a section header must look like [name] (missing ]?)' : "the line is not a 'key = value' setting");
    const name = pyRstrip(stripped.slice(0, delimiter)).toLowerCase();
    if (name === '') fail(n, currentName, `the line has no setting name before its '${stripped[delimiter]}'`);
    if (current!.has(name)) fail(n, currentName, `the setting '${name}' appears twice`);
    option = { parts: [pyStrip(stripped.slice(delimiter + 1))], line: n };
    current!.set(name, option);
  });

  const joined = (o: PendingOption): ConfigOption => ({ value: pyRstrip(o.parts.join('\n')), line: o.line });
  return [...sections].map(([name, s]) => {
    const options = new Map<string, ConfigOption>();
    for (const [k, o] of s.options) options.set(k, joined(o));
    for (const [k, o] of defaults) if (!options.has(k)) options.set(k, joined(o));
    return { name, line: s.line, options };
  });
}
