// @vitest-environment node
// A memo of size 0 (the command line's: one run never asks for a URL twice) keeps nothing and
// passes each answer through as it came, rather than reading its body and building a copy.
import { describe, expect, it } from 'vitest';
import { BudgetGate, RequestBudget } from '../../lib/github/budget';
import { EtagMemo } from '../../lib/github/etag-memo';
import { githubFetch } from '../../lib/github/fetch';

const BASE = 'https://api.github.com';

function fakeFetch() {
  const sent: Headers[] = [];
  const answers: Response[] = [];
  const fetch = (async (_url: string, init?: RequestInit) => {
    sent.push(new Headers(init?.headers));
    const response = new Response('[{"id":1}]', {
      status: 200,
      headers: { etag: '"v1"', 'content-type': 'application/json' },
    });
    answers.push(response);
    return response;
  }) as typeof globalThis.fetch;
  return { fetch, sent, answers };
}

describe('githubFetch with a memo of size 0', () => {
  it('returns the answer itself, unread, keeps nothing and never revalidates', async () => {
    const { fetch, sent, answers } = fakeFetch();
    const memo = new EtagMemo(0);
    const send = githubFetch({ baseUrl: BASE, gate: new BudgetGate(new RequestBudget()), memo, fetch });
    const url = `${BASE}/orgs/acme/personal-access-tokens?per_page=100`;
    const first = await send(url, { headers: { authorization: 'token a' } });
    expect(first).toBe(answers[0]);
    expect(first.bodyUsed).toBe(false);
    expect(first.url).toBe(url);
    expect(await first.json()).toEqual([{ id: 1 }]);
    await send(url, { headers: { authorization: 'token a' } });
    expect(sent[1]?.has('if-none-match')).toBe(false);
    expect(memo.size).toBe(0);
  });

  it('while a memo that keeps answers still revalidates (the extension)', async () => {
    const { fetch, sent } = fakeFetch();
    const memo = new EtagMemo();
    const send = githubFetch({ baseUrl: BASE, gate: new BudgetGate(new RequestBudget()), memo, fetch });
    const url = `${BASE}/orgs/acme/personal-access-tokens?per_page=100`;
    await (await send(url, { headers: { authorization: 'token a' } })).text();
    await send(url, { headers: { authorization: 'token a' } });
    expect(sent[1]?.get('if-none-match')).toBe('"v1"');
    expect(memo.size).toBe(1);
  });
});
