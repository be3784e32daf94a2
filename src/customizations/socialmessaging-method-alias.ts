/**
 * botocore's ClientMethodAlias on `getattr.socialmessaging.delete_whatsapp_media_message`: the
 * old method name keeps calling DeleteWhatsAppMessageMedia. Its words are in another order, so
 * the case- and underscore-blind name lookup (src/models/naming.ts) cannot find it alone.
 */
import type { HierarchicalEmitter } from '../events/emitter';
import type { ClientBuild } from '../client/client-build';

export function installSocialMessagingMethodAlias(events: HierarchicalEmitter): void {
  events.register('creating-client-class.socialmessaging', (p) => {
    (p.build as ClientBuild).methods.aliases.delete_whatsapp_media_message = 'DeleteWhatsAppMessageMedia';
  });
}
