/**
 * The https half of the pool (pooled-agent.ts has the http half and what both share): loaded
 * with a transport's first https request, so a program that only talks http (a local endpoint,
 * tests) never loads node:https and node:tls, nor reads its CA bundle.
 */
import type * as http from 'http';
import https = require('https');
import type * as net from 'net';
import type { Duplex } from 'stream';
import tls = require('tls');
import { agentOptions, armNewSocket, keepPooledSocketAlive, kProxy, onFree } from './pooled-agent';
import type { AgentRequestOptions, AgentSettings, ConnectCallback } from './pooled-agent';
import type { TrackedSocket } from './in-flight';
import { connectTunnel } from './proxies';

export class PooledHttpsAgent extends https.Agent {
  constructor(private readonly settings: AgentSettings) {
    super({ ...agentOptions(settings), ...settings.tls });
    this.on('free', onFree);
  }

  override getName(options?: AgentRequestOptions): string {
    const name = super.getName(options);
    // Tunnelled sockets are pooled apart from direct ones.
    const proxy = options?.[kProxy];
    return proxy ? `${name}:proxy=${proxy.host}:${proxy.port}` : name;
  }

  override createConnection(options: AgentRequestOptions, cb?: ConnectCallback): Duplex | null | undefined {
    const proxy = options[kProxy];
    if (!proxy) {
      const socket = super.createConnection(options, cb);
      armNewSocket(socket, this.settings, true);
      return socket;
    }
    const host = String(options.host ?? options.hostname ?? 'localhost');
    const port = Number(options.port ?? 443);
    connectTunnel(proxy, host, port, this.settings.connectTimeoutMs, (err, raw) => {
      if (err || !raw) return cb?.(err ?? new Error('proxy tunnel failed'), undefined as unknown as Duplex);
      const servername = options.servername || (isIpLiteral(host) ? undefined : host);
      const socket = tls.connect({ ...options, socket: raw, servername });
      armNewSocket(socket, this.settings, true);
      cb?.(null, socket);
    });
    return undefined;
  }

  override keepSocketAlive(socket: Duplex): boolean {
    return keepPooledSocketAlive(socket as TrackedSocket);
  }

  override reuseSocket(socket: Duplex, req: http.ClientRequest): void {
    super.reuseSocket(socket, req);
    (socket as net.Socket).setTimeout(this.settings.readTimeoutMs);
  }
}

/** True for IP literals (no SNI for those). */
function isIpLiteral(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
