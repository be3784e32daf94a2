/**
 * defaults_mode: the data file's values per mode, where the mode comes from, each setting's
 * precedence (explicit > environment > profile > mode value > botojs's own default), `auto`
 * from AWS_EXECUTION_ENV and from a loopback IMDS, and the effects on real clients.
 */
import { Config, InvalidDefaultsMode, Session } from '../../../src';
import {
  AUTO_CANDIDATES,
  autoModeFor,
  DefaultsModeData,
  defaultsModeNames,
  defaultsModeValues,
  executionEnvironmentRegion,
  modeDefaultValues,
  provisionalAutoValues,
  resolveDefaultsMode,
} from '../../../src/config/defaults-mode';
import { getDefaultLoader } from '../../../src/models/loader';
import { ConnectTimeoutError } from '../../../src/errors';
import { FakeImds, tempHome } from '../credentials/fake-aws';
import { closeAll, silentTcpServer } from '../transport/loopback';

const DATA = getDefaultLoader().loadData('sdk-default-configuration') as DefaultsModeData;
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };

/** A session over a temporary HOME whose config file is `config`, with `env` added. */
function session(config = '', env: Record<string, string> = {}, regionName = 'us-west-2'): Session {
  const h = tempHome({ config });
  return new Session({ env: { ...h.env, ...KEYS, ...env }, regionName });
}

describe('defaults mode data (botocore sdk-default-configuration.json, as shipped)', () => {
  it('names legacy and auto, then the modes of the file', () => {
    expect(defaultsModeNames(DATA)).toEqual(['legacy', 'auto', 'standard', 'in-region', 'cross-region', 'mobile']);
  });

  it("gives each mode's values in botojs's names (connectTimeoutInMillis in seconds)", () => {
    const common = { retryMode: 'standard', stsRegionalEndpoints: 'regional', s3UsEast1RegionalEndpoint: 'regional' };
    expect(defaultsModeValues(DATA, 'legacy')).toEqual({});
    expect(defaultsModeValues(DATA, 'standard')).toEqual({ ...common, connectTimeout: 3.1 });
    expect(defaultsModeValues(DATA, 'in-region')).toEqual({ ...common, connectTimeout: 1.1 });
    expect(defaultsModeValues(DATA, 'cross-region')).toEqual({ ...common, connectTimeout: 3.1 });
    expect(defaultsModeValues(DATA, 'mobile')).toEqual({ ...common, connectTimeout: 30 });
  });

  it('applies override, multiply and add to the base value, as DefaultConfigResolver', () => {
    const data: DefaultsModeData = {
      base: { connectTimeoutInMillis: 1000, retryMode: 'standard' },
      modes: { a: { connectTimeoutInMillis: { multiply: 3 } }, b: { connectTimeoutInMillis: { add: 500 } }, c: { retryMode: { override: 'adaptive' } } },
    };
    expect(modeDefaultValues(data, 'a')).toEqual({ connectTimeoutInMillis: 3000, retryMode: 'standard' });
    expect(modeDefaultValues(data, 'b').connectTimeoutInMillis).toBe(1500);
    expect(modeDefaultValues(data, 'c').retryMode).toBe('adaptive');
    // The base is never changed by a mode.
    expect(data.base.connectTimeoutInMillis).toBe(1000);
  });

  it("auto's candidate modes differ only in the connect timeout, the one value settled after the client is made", () => {
    expect(AUTO_CANDIDATES).toEqual(['in-region', 'cross-region', 'standard']);
    expect(provisionalAutoValues(DATA)).toEqual({ values: defaultsModeValues(DATA, 'standard'), undecided: ['connectTimeout'] });
  });
});

describe('where the mode comes from', () => {
  const names = () => defaultsModeNames(DATA);

  it('Config, else AWS_DEFAULTS_MODE, else the profile, else legacy; case-insensitive', () => {
    expect(resolveDefaultsMode(undefined, {}, {}, names)).toBe('legacy');
    expect(resolveDefaultsMode(undefined, {}, { defaults_mode: 'mobile' }, names)).toBe('mobile');
    expect(resolveDefaultsMode(undefined, { AWS_DEFAULTS_MODE: 'In-Region' }, { defaults_mode: 'mobile' }, names)).toBe('in-region');
    expect(resolveDefaultsMode('standard', { AWS_DEFAULTS_MODE: 'in-region' }, { defaults_mode: 'mobile' }, names)).toBe('standard');
    // An empty variable is not set, as for every other botojs setting.
    expect(resolveDefaultsMode(undefined, { AWS_DEFAULTS_MODE: '' }, { defaults_mode: 'mobile' }, names)).toBe('mobile');
  });

  it('never reads the data file for legacy', () => {
    const never = () => {
      throw new Error('read');
    };
    expect(resolveDefaultsMode('LEGACY', {}, {}, never)).toBe('legacy');
  });

  it('refuses an unknown mode from any source with InvalidDefaultsMode naming the valid ones', () => {
    expect(() => resolveDefaultsMode('fast', {}, {}, names)).toThrow(InvalidDefaultsMode);
    expect(() => resolveDefaultsMode(undefined, { AWS_DEFAULTS_MODE: 'fast' }, {}, names)).toThrow(
      'Client configured with invalid defaults mode: fast. Valid defaults modes include: legacy, auto, standard, in-region, cross-region, mobile.',
    );
    expect(() => session('[default]\ndefaults_mode = quick\n').client('sqs')).toThrow(/invalid defaults mode: quick/);
  });

  it("Config takes boto3's spelling defaults_mode too; both spellings at once must agree", () => {
    expect(new Config({ defaults_mode: 'standard' }).defaultsMode).toBe('standard');
    expect(new Config({ defaults_mode: 'standard' }).setOptions).toEqual({ defaultsMode: 'standard' });
    expect(new Config({ defaultsMode: 'mobile', defaults_mode: 'mobile' }).defaultsMode).toBe('mobile');
    expect(() => new Config({ defaultsMode: 'mobile', defaults_mode: 'standard' })).toThrow(/both defaultsMode .* and defaults_mode/);
    expect(new Config({ regionName: 'a' }).merge({ defaults_mode: 'in-region' }).defaultsMode).toBe('in-region');
    expect(() => new Config({ defaultsMode: 3 } as never)).toThrow(/defaultsMode must be a string/);
    expect(() => new Config({ defaultMode: 'standard' } as never)).toThrow(/did you mean: defaults_mode, defaultsMode\?/);
    expect(session().client('sqs', { config: { defaults_mode: 'mobile' } }).meta.config.connectTimeout).toBe(30);
  });
});

describe('what each mode sets, and what wins over it', () => {
  it('legacy keeps botojs defaults: standard retries, 60 s connect timeout, regional STS, no S3 us-east-1 setting', () => {
    const c = session().client('sqs').meta.config;
    expect(c).toMatchObject({ defaultsMode: 'legacy', retryMode: 'standard', connectTimeout: 60, stsRegionalEndpoints: 'regional' });
    expect(c.s3.usEast1RegionalEndpoint).toBeUndefined();
  });

  it.each([
    ['standard', 3.1],
    ['in-region', 1.1],
    ['cross-region', 3.1],
    ['mobile', 30],
  ])('%s from Config, the environment or the profile sets every value of the mode', (mode, timeout) => {
    const expected = { defaultsMode: mode, retryMode: 'standard', connectTimeout: timeout, stsRegionalEndpoints: 'regional' };
    const configs = [
      session().client('sqs', { config: new Config({ defaultsMode: mode as 'standard' }) }).meta.config,
      session('', { AWS_DEFAULTS_MODE: mode }).client('sqs').meta.config,
      session(`[default]\ndefaults_mode = ${mode}\n`).client('sqs').meta.config,
    ];
    for (const config of configs) {
      expect(config).toMatchObject(expected);
      expect(config.s3.usEast1RegionalEndpoint).toBe('regional');
    }
  });

  it('retry mode: Config > AWS_RETRY_MODE > retry_mode > mode > standard', () => {
    const mode = { config: new Config({ defaultsMode: 'standard' }) };
    expect(session('[default]\nretry_mode = adaptive\n', { AWS_RETRY_MODE: 'legacy' }).client('sqs', { config: { defaultsMode: 'standard', retries: { mode: 'adaptive' } } }).meta.config.retryMode).toBe('adaptive');
    expect(session('[default]\nretry_mode = adaptive\n', { AWS_RETRY_MODE: 'legacy' }).client('sqs', mode).meta.config.retryMode).toBe('legacy');
    expect(session('[default]\nretry_mode = adaptive\n').client('sqs', mode).meta.config.retryMode).toBe('adaptive');
    expect(session().client('sqs', mode).meta.config.retryMode).toBe('standard');
  });

  it('connect timeout: Config > mode > 60 (botocore reads no variable or profile key for it)', () => {
    expect(session().client('sqs', { config: { defaultsMode: 'mobile', connectTimeout: 5 } }).meta.config.connectTimeout).toBe(5);
    expect(session('[default]\nconnect_timeout = 9\n').client('sqs', { config: { defaultsMode: 'mobile' } }).meta.config.connectTimeout).toBe(30);
    expect(session().client('sqs').meta.config.connectTimeout).toBe(60);
  });

  it('STS regional endpoints: Config > AWS_STS_REGIONAL_ENDPOINTS > sts_regional_endpoints > mode > regional', () => {
    const std = { defaultsMode: 'standard' as const };
    expect(session('', { AWS_STS_REGIONAL_ENDPOINTS: 'regional' }).client('sts', { config: { ...std, stsRegionalEndpoints: 'legacy' } }).meta.config.stsRegionalEndpoints).toBe('legacy');
    expect(session('[default]\nsts_regional_endpoints = regional\n', { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }).client('sts', { config: std }).meta.config.stsRegionalEndpoints).toBe('legacy');
    expect(session('[default]\nsts_regional_endpoints = legacy\n').client('sts', { config: std }).meta.config.stsRegionalEndpoints).toBe('legacy');
    expect(session().client('sts', { config: std }).meta.config.stsRegionalEndpoints).toBe('regional');
  });

  it('S3 us-east-1 endpoint: Config s3 > AWS_S3_US_EAST_1_REGIONAL_ENDPOINT > s3_us_east_1_regional_endpoint > [s3] key > mode', () => {
    const std = { defaultsMode: 'standard' as const };
    const nested = '[default]\ns3 =\n  us_east_1_regional_endpoint = legacy\n';
    const top = '[default]\ns3_us_east_1_regional_endpoint = legacy\ns3 =\n  us_east_1_regional_endpoint = regional\n';
    const of = (s: Session, config: ConstructorParameters<typeof Config>[0]) => s.client('s3', { config }).meta.config.s3.usEast1RegionalEndpoint;
    expect(of(session(nested, { AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: 'legacy' }), { ...std, s3: { usEast1RegionalEndpoint: 'regional' } })).toBe('regional');
    expect(of(session('', { AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: 'legacy' }), std)).toBe('legacy');
    expect(of(session(top), std)).toBe('legacy');
    expect(of(session(nested), std)).toBe('legacy');
    expect(of(session(), std)).toBe('regional');
    expect(of(session(), {})).toBeUndefined();
    expect(() => session('', { AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: 'global' }).client('s3')).toThrow(/S3 us-east-1 regional endpoint option 'global' is invalid/);
    // Only S3 clients read (and check) it, as in botocore.
    expect(() => session('', { AWS_S3_US_EAST_1_REGIONAL_ENDPOINT: 'global' }).client('sqs')).not.toThrow();
    expect(() => new Config({ s3: { usEast1RegionalEndpoint: 'global' as never } })).toThrow(/Invalid s3.usEast1RegionalEndpoint/);
  });

  it("sends S3 us-east-1 requests to the regional host under a mode, to the global host under legacy", async () => {
    const urlOf = async (config: ConstructorParameters<typeof Config>[0]): Promise<string> => {
      const s3 = session('', {}, 'us-east-1').client('s3', { config });
      let url = '';
      s3.meta.events.register('before-sign.s3', (p: Record<string, unknown>) => {
        url = (p.request as { url: string }).url;
        throw new Error('stop before sending');
      });
      await expect(s3.headBucket({ Bucket: 'examplebucket' })).rejects.toThrow('stop before sending');
      return url;
    };
    expect(await urlOf({})).toBe('https://examplebucket.s3.amazonaws.com/');
    expect(await urlOf({ defaultsMode: 'standard' })).toBe('https://examplebucket.s3.us-east-1.amazonaws.com/');
    expect(await urlOf({ defaultsMode: 'standard', s3: { usEast1RegionalEndpoint: 'legacy' } })).toBe('https://examplebucket.s3.amazonaws.com/');
  });

  it("a mode's connect timeout is the one the transport uses", async () => {
    const srv = await silentTcpServer(); // accepts TCP, never answers the TLS handshake
    try {
      const sqs = session().client('sqs', { endpointUrl: `https://127.0.0.1:${srv.port}`, config: { defaultsMode: 'in-region', retries: { totalMaxAttempts: 1 } } });
      const started = Date.now();
      await expect(sqs.listQueues()).rejects.toThrow(ConnectTimeoutError);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(1000);
      expect(elapsed).toBeLessThan(5000);
      sqs.close();
    } finally {
      await closeAll();
    }
  });
});

describe('auto', () => {
  it('settles from the region of the execution environment (AWS_EXECUTION_ENV with AWS_REGION, else AWS_DEFAULT_REGION)', () => {
    expect(executionEnvironmentRegion({ AWS_REGION: 'us-west-2' })).toBeUndefined();
    expect(executionEnvironmentRegion({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' })).toBe('eu-west-1');
    expect(executionEnvironmentRegion({ AWS_EXECUTION_ENV: 'x', AWS_DEFAULT_REGION: 'us-west-2' })).toBe('us-west-2');
    expect(autoModeFor('us-west-2', 'us-west-2')).toBe('in-region');
    expect(autoModeFor('us-east-1', 'us-west-2')).toBe('cross-region');
    expect(autoModeFor(undefined, 'us-west-2')).toBe('cross-region');
    expect(autoModeFor('us-west-2', undefined)).toBe('standard');

    const lambda = { AWS_DEFAULTS_MODE: 'auto', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x', AWS_REGION: 'us-west-2' };
    expect(session('', lambda).client('sqs').meta.config).toMatchObject({ defaultsMode: 'in-region', connectTimeout: 1.1 });
    expect(session('', lambda).client('sqs', { regionName: 'eu-west-1' }).meta.config).toMatchObject({ defaultsMode: 'cross-region', connectTimeout: 3.1 });
  });

  describe('with a loopback IMDS', () => {
    const imds = new FakeImds();
    beforeAll(() => imds.start());
    afterAll(() => imds.stop());
    beforeEach(() => {
      imds.behaviour = {};
      imds.seen.length = 0;
    });

    function imdsSession(regionName: string, extra: Record<string, string> = {}): Session {
      const { AWS_EC2_METADATA_DISABLED: _on, ...env } = tempHome().env;
      return new Session({ env: { ...env, ...KEYS, AWS_DEFAULTS_MODE: 'auto', AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, ...extra }, regionName });
    }

    /** A client whose first call is answered by a stub: the call still settles the mode first. */
    async function firstCall(s: Session, options: Record<string, unknown> = {}) {
      const sqs = s.client('sqs', options);
      const before = { ...sqs.meta.config };
      sqs.meta.events.register('before-send.sqs', () => ({ statusCode: 200, headers: {}, body: Buffer.from('{}') }));
      await sqs.listQueues();
      return { before, after: sqs.meta.config };
    }

    it("is in-region when the instance's zone is in the client's region, and asks IMDS once per session", async () => {
      imds.behaviour = { zone: 'us-west-2c' };
      const s = imdsSession('us-west-2');
      const { before, after } = await firstCall(s);
      // Until the first request, the values every candidate shares; then the settled mode's.
      expect(before).toMatchObject({ defaultsMode: 'auto', retryMode: 'standard', connectTimeout: 3.1 });
      expect(after).toMatchObject({ defaultsMode: 'in-region', connectTimeout: 1.1 });
      expect(imds.seen.map((r) => `${r.method} ${r.url}`)).toEqual(['PUT /latest/api/token', 'GET /latest/meta-data/placement/availability-zone/']);
      expect(imds.seen[1].token).toBe('imds-session-token');
      // A region found is kept: the next client settles at once, without IMDS.
      const next = s.client('sqs', { regionName: 'eu-central-1' });
      expect(next.meta.config).toMatchObject({ defaultsMode: 'cross-region', connectTimeout: 3.1 });
      expect(imds.seen).toHaveLength(2);
    });

    it('is cross-region when the zone is elsewhere', async () => {
      imds.behaviour = { zone: 'eu-west-1a' };
      expect((await firstCall(imdsSession('us-west-2'))).after).toMatchObject({ defaultsMode: 'cross-region', connectTimeout: 3.1 });
    });

    it('is standard when IMDS cannot say (no zone, disabled), and asks again for the next client', async () => {
      imds.behaviour = { token: 403 };
      // IMDSv1 fallback works too.
      imds.behaviour.zone = 'us-west-2a';
      expect((await firstCall(imdsSession('us-west-2'))).after).toMatchObject({ defaultsMode: 'in-region' });

      const s = imdsSession('us-west-2', { AWS_EC2_METADATA_DISABLED: 'true' });
      imds.seen.length = 0;
      expect((await firstCall(s)).after).toMatchObject({ defaultsMode: 'standard', connectTimeout: 3.1 });
      expect(imds.seen).toHaveLength(0);

      const refused = imdsSession('us-west-2', { AWS_EC2_METADATA_V1_DISABLED: 'true' });
      imds.behaviour = { token: 404 };
      expect((await firstCall(refused)).after).toMatchObject({ defaultsMode: 'standard' });
      expect((await firstCall(refused)).after).toMatchObject({ defaultsMode: 'standard' });
    });

    it('asks IMDS nothing when the connect timeout is set in Config or the environment names the region', async () => {
      const { after } = await firstCall(imdsSession('us-west-2'), { config: { connectTimeout: 7 } });
      expect(after).toMatchObject({ defaultsMode: 'auto', connectTimeout: 7, retryMode: 'standard' });
      await firstCall(imdsSession('us-west-2', { AWS_EXECUTION_ENV: 'x', AWS_REGION: 'us-west-2' }));
      expect(imds.seen).toHaveLength(0);
    });

    it('concurrent first calls share one lookup', async () => {
      imds.behaviour = { zone: 'us-west-2b' };
      const s = imdsSession('us-west-2');
      const sqs = s.client('sqs');
      sqs.meta.events.register('before-send.sqs', () => ({ statusCode: 200, headers: {}, body: Buffer.from('{}') }));
      await Promise.all([sqs.listQueues(), sqs.listQueues(), s.client('sqs').meta.config && sqs.listQueues()]);
      expect(imds.seen.filter((r) => r.url.includes('availability-zone'))).toHaveLength(1);
      expect(sqs.meta.config.defaultsMode).toBe('in-region');
    });
  });
});
