import { serverIdleHintMs } from '../../../src/transport/pooled-agent';

describe("serverIdleHintMs (the server's Keep-Alive: timeout=N)", () => {
  it('is the announced seconds less one second of margin, as Node reckons it', () => {
    expect(serverIdleHintMs(['Keep-Alive', 'timeout=5', 'Content-Length', '0'])).toBe(4000);
    expect(serverIdleHintMs(['keep-alive', 'timeout=30, max=1000'])).toBe(29000);
  });

  it('is 0 (do not keep the connection) for a second or less', () => {
    expect(serverIdleHintMs(['KEEP-ALIVE', 'timeout=1'])).toBe(0);
    expect(serverIdleHintMs(['Keep-Alive', 'timeout=0'])).toBe(0);
  });

  it('is undefined without a leading timeout parameter or without the header', () => {
    expect(serverIdleHintMs(['Keep-Alive', 'max=100, timeout=5'])).toBeUndefined();
    expect(serverIdleHintMs(['Keep-Alive', 'timeout=soon'])).toBeUndefined();
    expect(serverIdleHintMs(['Connection', 'keep-alive', 'Keep-Alivex', 'timeout=5'])).toBeUndefined();
    expect(serverIdleHintMs([])).toBeUndefined();
    expect(serverIdleHintMs(undefined)).toBeUndefined();
  });

  it('reads repeated headers joined, as res.headers joins them (the first value decides)', () => {
    expect(serverIdleHintMs(['Keep-Alive', 'timeout=3', 'Keep-Alive', 'timeout=9'])).toBe(2000);
    expect(serverIdleHintMs(['Keep-Alive', 'max=4', 'keep-alive', 'timeout=9'])).toBeUndefined();
  });
});
