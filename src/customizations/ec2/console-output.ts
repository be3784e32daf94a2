/**
 * EC2's response customization, botocore's `decode_console_output`
 * (`after-call.ec2.GetConsoleOutput`): the console output arrives base64-encoded and is returned
 * decoded, as text. Decoding is Python's: base64 without validation (characters outside the
 * alphabet skipped), bytes that are not UTF-8 replaced by U+FFFD; a value Python cannot decode
 * (bad padding, characters beyond latin-1) stays as it came.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import { pythonB64decode } from '../../util/python-base64';

/** Registers GetConsoleOutput's Output decoding on a session's events. */
export function installEc2ConsoleOutput(events: HierarchicalEmitter): void {
  events.register('after-call.ec2.GetConsoleOutput', (p) => {
    const parsed = p.parsed as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(parsed, 'Output')) return;
    const output = parsed.Output;
    if (typeof output !== 'string') return;
    try {
      parsed.Output = pythonB64decode(output).toString('utf8');
    } catch {
      // Not decodable: botocore logs it and keeps the value.
    }
  });
}
