/**
 * Model documentation (HTML) as TSDoc text. botocore's models carry documentation; the models
 * botojs ships have it stripped (npm run models:import), so comments appear when the models on
 * the search path have it (a botocore `data/` folder on AWS_DATA_PATH, for instance).
 *
 * The conversion is deliberately plain: paragraphs and list items become lines, `<code>`
 * becomes backticks, links keep their text and address, other tags are dropped and entities
 * decoded. What could end the comment or read as a TSDoc tag is escaped.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

/** The documentation as plain lines (empty when there is none). */
export function htmlToLines(html: unknown): string[] {
  if (typeof html !== 'string' || html.trim() === '') return [];
  const text = html
    .replace(/\s+/g, ' ')
    .replace(/<a\s[^>]*href\s*=\s*"([^"]*)"[^>]*>(.*?)<\/a>/gi, (_m, href: string, body: string) => {
      const label = body.replace(/<[^>]+>/g, '').trim();
      return label && href && label !== href ? `${label} (${href})` : label || href;
    })
    .replace(/<\/?code>/gi, '`')
    .replace(/<\/?pre>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<\/(?:p|li|ul|ol|h\d|note|important|div)>|<br\s*\/?>/gi, '\n')
    .replace(/<(?:p|ul|ol|h\d|note|important|div)(?:\s[^>]*)?>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  const lines: string[] = [];
  let bullet = false; // a `- ` whose text follows on the next line (`<li><p>text</p></li>`)
  for (const raw of decodeEntities(text).split('\n')) {
    const line = raw.replace(/\s+/g, ' ').replace(/``/g, '').trim();
    if (line === '' || line === '-') {
      bullet ||= line === '-';
      continue;
    }
    lines.push(bullet && !line.startsWith('- ') ? `- ${line}` : line);
    bullet = false;
  }
  return lines;
}

/** Makes a line safe inside a `/** ... *\/` comment read as TSDoc. */
function escapeLine(line: string): string {
  return line.replace(/\*\//g, '*\\/').replace(/@/g, '\\@').replace(/([{}])/g, '\\$1');
}

/**
 * A TSDoc block from documentation lines and tags (already TSDoc, such as `@deprecated`),
 * indented by `indent`; '' when both are empty.
 */
export function docBlock(lines: readonly string[], tags: readonly string[] = [], indent = ''): string {
  // Paragraphs apart (markdown joins adjacent lines), list items together.
  const text = lines.flatMap((l, i) => (i > 0 && !(l.startsWith('- ') && lines[i - 1].startsWith('- ')) ? ['', escapeLine(l)] : [escapeLine(l)]));
  const body = [...text, ...tags.map((t) => t.replace(/\*\//g, '*\\/'))];
  if (body.length === 0) return '';
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)).join('\n')}\n${indent} */\n`;
}
