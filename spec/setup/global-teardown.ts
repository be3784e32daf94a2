/** jest globalTeardown: stop the servers globalSetup started. */
import type { LocalServers } from '../../scripts/local-servers';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as { __BOTOJS_SERVERS__?: LocalServers }).__BOTOJS_SERVERS__;
  if (servers) await servers.stop();
}
