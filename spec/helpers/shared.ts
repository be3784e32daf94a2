/**
 * Locates ../shared (the spec and conformance vectors). Suites that need it call
 * `describeShared`, which skips with a printed notice when the folder is absent.
 */
import * as fs from 'fs';
import * as path from 'path';

export const SHARED_DIR = path.resolve(__dirname, '../../../shared');
export const CONFORMANCE_DIR = path.join(SHARED_DIR, 'conformance');
export const hasShared = fs.existsSync(CONFORMANCE_DIR);

export const describeShared: jest.Describe = hasShared
  ? describe
  : (((name: string) => {
      // eslint-disable-next-line no-console
      console.warn(`[skip] ${name}: ../shared/conformance is absent`);
      // The suite body reads the vectors, so it is not run; one skipped test keeps jest content.
      describe.skip(name, () => {
        it('needs ../shared/conformance', () => undefined);
      });
    }) as unknown as jest.Describe);

export function readConformanceJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(path.join(CONFORMANCE_DIR, ...parts), 'utf8')) as T;
}
