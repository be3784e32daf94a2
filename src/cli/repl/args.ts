/**
 * The REPL's command line: `--profile NAME --region REGION --endpoint-url URL` and `--help`,
 * read with util.parseArgs. Anything else is refused before the REPL starts, with the close
 * option names when there are any.
 */
import { parseArgs } from 'util';
import { closeMatches } from '../../models/naming';

export interface ReplArgs {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  help?: boolean;
}

/** A command line the REPL cannot start with; the message says what is wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const REPL_USAGE = `usage: botojs [repl] [--profile NAME] [--region REGION] [--endpoint-url URL]

An interactive botojs session: a Node REPL with session, client(name), resource(name),
help(obj) and progressBar(total) in scope, top-level await, and TAB completion of service
names, operations, parameters and resource members. Ctrl-C cancels the calls of a running line.

options:
  --profile NAME       the profile of ~/.aws/config and ~/.aws/credentials (default: $AWS_PROFILE, else 'default')
  --region REGION      the region of every client (default: the profile's, else $AWS_REGION)
  --endpoint-url URL   send every client's requests to URL (a local S3 or DynamoDB, a proxy)
  -h, --help           print this help

History is kept in ~/.botojs_repl_history ($BOTOJS_REPL_HISTORY names another file; '' keeps none).`;

const OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const fail = (message: string): never => {
  throw new UsageError(`botojs: ${message}\n(botojs --help lists the options)`);
};

/**
 * Reads the REPL's options.
 * @throws UsageError for an unknown option (naming close ones), an option without its value,
 *   an argument that is not an option, or an endpoint that is not an http(s) URL
 */
export function parseReplArgs(argv: string[]): ReplArgs {
  // Not strict: util.parseArgs' own errors cannot suggest close names, so the tokens are checked here.
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const out: ReplArgs = {};
  for (const token of tokens) {
    if (token.kind === 'positional') fail(`unexpected argument '${token.value}'`);
    if (token.kind !== 'option') continue;
    const spec = (OPTIONS as Record<string, { type: string } | undefined>)[token.name];
    if (!spec) {
      const close = closeMatches(token.name, Object.keys(OPTIONS), 2).map((n) => `--${n}`);
      fail(`unknown option '${token.rawName}'.${close.length ? ` Did you mean ${close.join(' or ')}?` : ''}`);
    }
    if (spec!.type === 'boolean') {
      if (token.value !== undefined) fail(`${token.rawName} takes no value`);
      out.help = true;
      continue;
    }
    // Without strict mode a string option missing its value reads as `true`, or swallows the next option.
    const value = token.value;
    if (typeof value !== 'string' || value === '' || (!token.inlineValue && value.startsWith('-'))) fail(`${token.rawName} needs a value`);
    if (token.name === 'profile') out.profile = value;
    else if (token.name === 'region') out.region = value;
    else out.endpointUrl = checkEndpoint(value as string);
  }
  return out;
}

function checkEndpoint(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) fail(`--endpoint-url '${value}' is not an http:// or https:// URL (e.g. http://127.0.0.1:4566)`);
  return value;
}
