/** The `botojs` command line: dispatch, the REPL's options, its history file. */
import * as path from 'path';
import { dispatch } from '../../../src/cli/botojs';
import { historyFile, parseReplArgs } from '../../../src/cli/repl';

describe('botojs command line', () => {
  it('no command, or options only, is the REPL; an unknown command is refused with the list', () => {
    const repl = dispatch([]);
    expect('command' in repl && repl.args).toEqual([]);
    const opts = dispatch(['--region', 'eu-west-1']);
    expect('command' in opts && opts.args).toEqual(['--region', 'eu-west-1']);
    const named = dispatch(['repl', '--profile', 'dev']);
    expect('command' in named && named.args).toEqual(['--profile', 'dev']);
    expect('command' in named && named.command).toBe('command' in repl && repl.command);
    const bad = dispatch(['rpl']);
    expect('error' in bad && bad.error).toMatch(/^botojs: unknown command 'rpl'\. Did you mean: repl\?\nusage: botojs \[command\] \[options\]\n\ncommands:\n {2}repl /);
    const typo = dispatch(['typez']);
    expect('error' in typo && typo.error).toMatch(/^botojs: unknown command 'typez'\. Did you mean: types\?\n/);
    const far = dispatch(['deploy']);
    expect('error' in far && far.error).toMatch(/^botojs: unknown command 'deploy'\.\nusage/);
  });

  it('reads --profile, --region and --endpoint-url, separate or with =', () => {
    expect(parseReplArgs(['--profile', 'dev', '--region=eu-west-1', '--endpoint-url', 'http://127.0.0.1:4566'])).toEqual({
      profile: 'dev',
      region: 'eu-west-1',
      endpointUrl: 'http://127.0.0.1:4566',
    });
    expect(parseReplArgs([])).toEqual({});
    expect(parseReplArgs(['-h'])).toEqual({ help: true });
    expect(parseReplArgs(['--help'])).toEqual({ help: true });
  });

  it('refuses unknown options (naming close ones), missing values, stray arguments and endpoints that are not URLs', () => {
    expect(() => parseReplArgs(['--regoin', 'x'])).toThrow(/^botojs: unknown option '--regoin'\. Did you mean --region\?\n\(botojs --help lists the options\)$/);
    expect(() => parseReplArgs(['--endpoint_url', 'http://x'])).toThrow(/unknown option '--endpoint_url'\. Did you mean --endpoint-url\?/);
    expect(() => parseReplArgs(['--verbose'])).toThrow(/unknown option '--verbose'\.\n/);
    expect(() => parseReplArgs(['--profile'])).toThrow(/--profile needs a value/);
    expect(() => parseReplArgs(['--profile', '--region', 'x'])).toThrow(/--profile needs a value/);
    expect(() => parseReplArgs(['--region='])).toThrow(/--region needs a value/);
    expect(() => parseReplArgs(['--help=yes'])).toThrow(/--help takes no value/);
    expect(() => parseReplArgs(['s3'])).toThrow(/unexpected argument 's3'/);
    expect(() => parseReplArgs(['--endpoint-url', 'localhost:4566'])).toThrow(/--endpoint-url 'localhost:4566' is not an http:\/\/ or https:\/\/ URL/);
  });

  it('keeps history in ~/.botojs_repl_history, or $BOTOJS_REPL_HISTORY; empty means none', () => {
    expect(historyFile({}, '/home/ada')).toBe(path.join('/home/ada', '.botojs_repl_history'));
    expect(historyFile({ BOTOJS_REPL_HISTORY: '/tmp/h' }, '/home/ada')).toBe('/tmp/h');
    expect(historyFile({ BOTOJS_REPL_HISTORY: '' }, '/home/ada')).toBeUndefined();
    expect(historyFile({ BOTOJS_REPL_HISTORY: '  ' }, '/home/ada')).toBeUndefined();
  });
});
