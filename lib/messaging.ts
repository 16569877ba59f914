// The sending half of the protocol, for the content script, popup and options page.
import { browser } from 'wxt/browser';
import { fail, type Input, type MessageType, message, type Output, type Reply } from './protocol';

export async function send<T extends MessageType>(type: T, input: Input<T>): Promise<Reply<Output<T>>> {
  try {
    const reply = (await browser.runtime.sendMessage(message(type, input))) as Reply<Output<T>> | undefined;
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
      return fail(
        'internal',
        "PATrol's background worker did not answer. Reload the page; if it persists, reload the extension.",
      );
    }
    return reply;
  } catch (error) {
    return fail(
      'internal',
      `PATrol's background worker could not be reached (${(error as Error).message}). Reload the page; after an extension update, reload the tab.`,
    );
  }
}
