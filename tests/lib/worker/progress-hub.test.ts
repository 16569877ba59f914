// @vitest-environment node
// The progress hub: pages follow an org on a port; only PATrol's surfaces get events, a watch
// posted right after connecting is not lost, and each event reaches only its org's watchers.
import { describe, expect, it } from 'vitest';
import { PROGRESS_PORT, type ProgressEvent } from '../../../lib/protocol';
import { createProgressHub, type HubPort } from '../../../lib/worker/progress-hub';
import { jobSummary } from '../../support/fake-worker';

function fakePort(sender: string) {
  const received: unknown[] = [];
  const listeners: ((message: unknown) => void)[] = [];
  const closers: (() => void)[] = [];
  const port: HubPort & { disconnect(): void } = {
    name: PROGRESS_PORT,
    sender,
    postMessage: (message) => received.push(message),
    onMessage: { addListener: (listener) => listeners.push(listener) },
    onDisconnect: { addListener: (listener) => closers.push(listener) },
    disconnect: () => {
      for (const close of closers) close();
    },
  };
  return {
    port,
    received,
    send: (message: unknown) => {
      for (const listener of listeners) listener(message);
    },
    close: port.disconnect,
  };
}

const job = (org: string, id = 'j') => ({ type: 'job', job: jobSummary({ id, org }) }) as ProgressEvent;
const turn = () => new Promise((resolve) => setTimeout(resolve, 5));

function hub(current: ProgressEvent[] = []) {
  // The sender check takes a while (it reads settings): watches must not be lost meanwhile.
  const allowed = async (sender: unknown) => {
    await turn();
    return sender === 'panel' || sender === 'popup';
  };
  return createProgressHub({ allowed, current: async () => current });
}

describe('the progress hub', () => {
  it('keeps a watch posted right after connecting, and sends the current state first', async () => {
    const progress = hub([job('acme', 'running-one')]);
    const panel = fakePort('panel');
    const connected = progress.connect(panel.port);
    panel.send({ watch: { org: 'acme' } }); // before the sender check has finished
    await connected;
    await turn();
    expect(panel.received).toEqual([job('acme', 'running-one')]);
    progress.publish(job('ACME', 'next'));
    expect(panel.received).toHaveLength(2);
  });

  it('sends an org’s events only to its watchers and to those watching every org', async () => {
    const progress = hub();
    const panel = fakePort('panel');
    const popup = fakePort('popup');
    await progress.connect(panel.port);
    await progress.connect(popup.port);
    panel.send({ watch: { org: 'acme' } });
    popup.send({ watch: { org: null } });
    await turn();
    progress.publish(job('globex'));
    progress.publish(job('acme'));
    expect(panel.received).toEqual([job('acme')]);
    expect(popup.received).toEqual([job('globex'), job('acme')]);
    popup.close();
    progress.publish(job('acme'));
    expect(popup.received).toHaveLength(2);
  });

  it('tells a stranger nothing, however it asks', async () => {
    const progress = hub([job('acme')]);
    const stranger = fakePort('evil-extension');
    const connected = progress.connect(stranger.port);
    stranger.send({ watch: { org: 'acme' } });
    stranger.send({ watch: { org: null } });
    await connected;
    await turn();
    progress.publish(job('acme'));
    expect(stranger.received).toEqual([]);
  });

  it('ignores malformed watches', async () => {
    const progress = hub([job('acme')]);
    const panel = fakePort('panel');
    await progress.connect(panel.port);
    for (const bad of [null, 'acme', { watch: { org: 42 } }, { watch: { org: 'x'.repeat(40) } }])
      panel.send(bad);
    await turn();
    progress.publish(job('acme'));
    expect(panel.received).toEqual([]);
  });
});
