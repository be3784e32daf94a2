/**
 * What a REPL user finds in scope: `session`, `client(name)`, `resource(name)`, `help(obj)` and
 * `progressBar(total)`. The command line's --endpoint-url applies to every client the session
 * makes (so `session.client('s3')` and the client under `resource('s3')` reach the same
 * endpoint as `client('s3')`), and S3 clients draw transfer bars (transfer-bars.ts).
 */
import { help } from '../../help';
import { progressBar } from '../../customizations/s3/transfer/progress-bar';
import type { Client } from '../../client/proxy';
import type { ClientOptions } from '../../session/create-client';
import { Session, type SessionOptions } from '../../session/session';
import type { ReplArgs } from './args';
import { withTransferBars, type BarOutput } from './transfer-bars';

/**
 * A Session whose clients get the REPL's defaults. Session.resource builds its client with
 * `this.client`, so resources get them too.
 */
class ReplSession extends Session {
  constructor(
    options: SessionOptions,
    private readonly defaults: ClientOptions,
    private readonly bars: BarOutput | undefined,
  ) {
    super(options);
  }

  override client(serviceName: string, options: ClientOptions = {}): Client {
    const client = super.client(serviceName, { ...this.defaults, ...options });
    return this.bars ? withTransferBars(client, this.bars) : client;
  }
}

/**
 * The REPL's scope for the given command line. `bars`: where transfer bars are drawn (the
 * REPL's output); without it, transfers draw none.
 */
export function replContext(args: Omit<ReplArgs, 'help'>, bars?: BarOutput): Record<string, unknown> {
  const session = new ReplSession({ profileName: args.profile, regionName: args.region }, args.endpointUrl ? { endpointUrl: args.endpointUrl } : {}, bars);
  return {
    session,
    client: (name: string, opts: ClientOptions = {}) => session.client(name, opts),
    resource: (name: string, opts: ClientOptions = {}) => session.resource(name, opts),
    // Prints only: returning the text too would make the REPL echo it again as a quoted string.
    help: (obj: unknown): void => void help(obj),
    progressBar: (total?: number, options?: Parameters<typeof progressBar>[1]) => progressBar(total, { stream: bars?.output, ...options }),
  };
}
