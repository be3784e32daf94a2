/**
 * CloudFormation's response customization, botocore's `json_decode_template_body`
 * (`after-call.cloudformation.GetTemplate`): a JSON template comes back parsed, as an object; a
 * YAML template (or anything else that is not JSON) stays the string it was.
 */
import type { HierarchicalEmitter } from '../../events/emitter';

/** Registers GetTemplate's TemplateBody decoding on a session's events. */
export function installCloudFormation(events: HierarchicalEmitter): void {
  events.register('after-call.cloudformation.GetTemplate', (p) => {
    const parsed = p.parsed as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(parsed, 'TemplateBody')) return;
    const body = parsed.TemplateBody;
    if (typeof body !== 'string') return;
    try {
      parsed.TemplateBody = JSON.parse(body) as unknown;
    } catch {
      // Not JSON (a YAML template): botocore keeps the text.
    }
  });
}
