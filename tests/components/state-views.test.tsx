// The shared designed states: a failed load says GitHub's message, when to try again and what
// to do, and retries through the store; the lock screen unlocks through the store.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { FailedState, LockedState, type StateStore } from '../../components/StateViews';

afterEach(cleanup);

const storeWith = (state: Partial<StateStore>) =>
  createStore<StateStore>(() => ({
    error: null,
    start: vi.fn(async () => {}),
    unlock: vi.fn(async () => null),
    ...state,
  }));

describe('FailedState', () => {
  it("says the title at the surface's level, GitHub's message and retry time, the advice, and retries", () => {
    const retryAt = 1_700_000_000_000;
    const store = storeWith({ error: { code: 'rate_limited', message: 'Slow down.', retryAt } });
    render(
      <FailedState store={store} title="Could not load" heading="h3">
        <p>Ask an owner.</p>
      </FailedState>,
    );
    const alert = screen.getByRole('alert');
    expect(screen.getByRole('heading', { level: 3, name: 'Could not load' })).toBeTruthy();
    expect([...alert.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'Slow down.',
      `GitHub allows another try after ${new Date(retryAt).toLocaleTimeString()}.`,
      'Ask an owner.',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(store.getState().start).toHaveBeenCalledOnce();
  });

  it('says something went wrong when the store holds no error', () => {
    render(<FailedState store={storeWith({})} title="Could not load" heading="h2" />);
    expect(screen.getByRole('heading', { level: 2, name: 'Could not load' })).toBeTruthy();
    expect(screen.getByRole('alert').querySelectorAll('p')).toHaveLength(1);
    expect(screen.getByText('Something went wrong.')).toBeTruthy();
  });
});

describe('LockedState', () => {
  it('asks for a new passphrase twice in setup, and unlocks through the store', async () => {
    const store = storeWith({ lock: 'setup' });
    render(<LockedState store={store} />);
    fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'correct horse' } });
    fireEvent.input(screen.getByLabelText('Confirm passphrase'), { target: { value: 'correct horse' } });
    fireEvent.submit(screen.getByRole('form', { name: 'PATrol is locked' }));
    await waitFor(() =>
      expect(store.getState().unlock).toHaveBeenCalledWith('correct horse', 'correct horse'),
    );
  });
});
