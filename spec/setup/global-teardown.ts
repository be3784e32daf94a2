/** jest globalTeardown: stop the servers globalSetup started. */
import type { LocalServers, MotoServer } from '../../scripts/local-servers';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as { __BOTOJS_SERVERS__?: LocalServers }).__BOTOJS_SERVERS__;
  if (servers) await servers.stop();
  const moto = (globalThis as { __BOTOJS_MOTO__?: MotoServer | null }).__BOTOJS_MOTO__;
  if (moto) await moto.stop();
}
