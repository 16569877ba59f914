// The worker's real registry (schemas and senders as shipped) with every handler replaced by
// a recorder, for tests of the router: they prove which messages reach a handler at all.
import type { MessageType } from '../../lib/protocol';
import type { Registry } from '../../lib/worker/registry';
import { createWorker } from '../../lib/worker/service';

export function recordingRegistry(): { registry: Registry; calls: MessageType[] } {
  const calls: MessageType[] = [];
  const real = createWorker().registry;
  const registry = Object.fromEntries(
    Object.entries(real).map(([type, entry]) => [
      type,
      {
        ...entry,
        handler: async (input: unknown) => {
          calls.push(type as MessageType);
          return { echoed: input };
        },
      },
    ]),
  ) as unknown as Registry;
  return { registry, calls };
}
