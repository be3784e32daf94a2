/** selectAuthScheme: the first scheme botojs signs with, sigv4a only as a last resort. */
import { selectAuthScheme } from '../../../src/endpoints';

const defaults = { signingName: 's3', region: 'us-east-1' };

describe('selectAuthScheme', () => {
  it('falls back to sigv4 with the defaults when the endpoint lists no schemes', () => {
    expect(selectAuthScheme({}, defaults)).toEqual({ name: 'sigv4', signingName: 's3', signingRegion: 'us-east-1', defaulted: true });
    expect(selectAuthScheme(undefined, defaults).name).toBe('sigv4');
  });

  it('takes signing name, region and double-encoding from the chosen scheme', () => {
    const props = { authSchemes: [{ name: 'sigv4', signingName: 's3-outposts', signingRegion: 'us-west-2', disableDoubleEncoding: true }] };
    expect(selectAuthScheme(props, defaults)).toEqual({
      name: 'sigv4', signingName: 's3-outposts', signingRegion: 'us-west-2', disableDoubleEncoding: true,
    });
  });

  it('prefers a later sigv4 over an earlier sigv4a', () => {
    const props = {
      authSchemes: [
        { name: 'sigv4a', signingName: 's3', signingRegionSet: ['*'] },
        { name: 'sigv4', signingName: 's3', signingRegion: 'us-west-2' },
      ],
    };
    expect(selectAuthScheme(props, defaults)).toMatchObject({ name: 'sigv4', signingRegion: 'us-west-2' });
  });

  it('chooses sigv4a when nothing else is offered, joining the region set as botocore', () => {
    const props = { authSchemes: [{ name: 'sigv4a', signingName: 's3', signingRegionSet: ['us-east-1', 'us-west-2'], disableDoubleEncoding: 'true' }] };
    expect(selectAuthScheme(props, defaults)).toEqual({
      name: 'sigv4a', signingName: 's3', signingRegion: 'us-east-1,us-west-2', signingRegionSet: ['us-east-1', 'us-west-2'],
      disableDoubleEncoding: true,
    });
  });

  it('lets an auth scheme preference pick sigv4a (or sigv4) where both are offered', () => {
    const props = { authSchemes: [{ name: 'sigv4', signingName: 's3', signingRegion: 'us-west-2' }, { name: 'sigv4a', signingName: 's3', signingRegionSet: ['*'] }] };
    expect(selectAuthScheme(props, { ...defaults, preference: ['sigv4a', 'sigv4'] })).toMatchObject({ name: 'sigv4a', signingRegion: '*' });
    expect(selectAuthScheme(props, { ...defaults, preference: ['httpBearerAuth', 'sigv4'] })).toMatchObject({ name: 'sigv4', signingRegion: 'us-west-2' });
    // A preference the list cannot satisfy leaves the default choice.
    expect(selectAuthScheme({ authSchemes: [props.authSchemes[0]] }, { ...defaults, preference: ['sigv4a'] }).name).toBe('sigv4');
  });

  it('keeps s3express and none, and reports an unknown scheme by name', () => {
    expect(selectAuthScheme({ authSchemes: [{ name: 'sigv4-s3express', signingName: 's3express', signingRegion: 'us-east-1' }] }, defaults).name).toBe(
      'sigv4-s3express',
    );
    expect(selectAuthScheme({ authSchemes: [{ name: 'none' }] }, defaults).name).toBe('none');
    expect(selectAuthScheme({ authSchemes: [{ name: 'sigv5' }] }, defaults)).toMatchObject({ name: 'sigv5', signingName: 's3' });
  });
});
