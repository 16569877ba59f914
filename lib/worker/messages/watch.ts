// The daily watch's messages (options page): its two checkboxes and "Check now". The counts
// themselves are read from storage (lib/watch-state.ts) by the pages that show them.
import { z } from 'zod';
import { define } from '../registry';
import type { Watch } from '../watch';
import { empty } from './schemas';

export function watchMessages(watch: Watch) {
  return {
    'watch.configure': define('watch.configure', {
      input: z.strictObject({ daily: z.boolean(), notify: z.boolean() }),
      senders: ['page'],
      handler: (settings) => watch.configure(settings),
    }),
    'watch.check': define('watch.check', {
      input: empty,
      senders: ['page'],
      action: 'check your organizations',
      handler: () => watch.check(),
    }),
  };
}
