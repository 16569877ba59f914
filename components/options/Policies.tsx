// The options page's "Policies" section: named queries the panel's summary, the popup and the
// daily watch count. Each query is checked by the filter parser while it is typed, so a policy
// that would silently match nothing is never stored.
import { useEffect, useState } from 'preact/hooks';
import { type Policy, policyNameProblem, policyProblem, policyQueryProblem } from '../../lib/policies';

export interface PoliciesDeps {
  read(): Promise<Policy[]>;
  write(policies: Policy[]): Promise<void>;
}

export function Policies({ deps }: { deps: PoliciesDeps }) {
  const [policies, setPolicies] = useState<Policy[] | null>(null);
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  useEffect(() => {
    deps.read().then(setPolicies, (error: unknown) => setSaveError(`Policies could not be read: ${error}`));
  }, [deps]);
  const list = policies ?? [];
  const nameProblem = name === '' ? null : policyNameProblem(name, list);
  const queryProblem = query === '' ? null : policyQueryProblem(query);

  const store = async (next: Policy[]) => {
    try {
      await deps.write(next);
      setPolicies(next);
      setSaveError(null);
      return true;
    } catch (error) {
      setSaveError(`The policies could not be saved: ${error}. Try again.`);
      return false;
    }
  };
  const onAdd = async (event: Event) => {
    event.preventDefault();
    const policy = { name: name.trim(), query: query.trim() };
    const problem = policyProblem(policy, list);
    if (problem) {
      setSaveError(problem);
      return;
    }
    if (await store([...list, policy])) {
      setName('');
      setQuery('');
    }
  };

  return (
    <section aria-labelledby="policies-heading" class="options-section">
      <h2 id="policies-heading">Policies</h2>
      <p class="help">
        Each policy is a query in the panel's filter language. The panel's summary and the popup count the
        tokens each one matches, and the daily check counts them in the toolbar badge.
      </p>
      {policies === null ? (
        <p role="status">Loading policies…</p>
      ) : list.length === 0 ? (
        <p>No policies.</p>
      ) : (
        <ul class="policies" aria-label="Policies">
          {list.map((policy) => (
            <li key={policy.name}>
              <strong>{policy.name}</strong> <code>{policy.query}</code>{' '}
              <button type="button" onClick={() => void store(list.filter((p) => p !== policy))}>
                Remove {policy.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void onAdd(e)} aria-label="Add a policy">
        <label for="policy-name">Policy name</label>
        <input
          id="policy-name"
          value={name}
          maxLength={60}
          onInput={(e) => setName(e.currentTarget.value)}
          aria-invalid={nameProblem !== null}
          aria-describedby={nameProblem ? 'policy-name-problem' : undefined}
          autoComplete="off"
        />
        {nameProblem && (
          <p id="policy-name-problem" class="error">
            {nameProblem}
          </p>
        )}
        <label for="policy-query">Policy query</label>
        <input
          id="policy-query"
          value={query}
          maxLength={500}
          onInput={(e) => setQuery(e.currentTarget.value)}
          aria-invalid={queryProblem !== null}
          aria-describedby={queryProblem ? 'policy-query-problem' : 'policy-query-help'}
          placeholder="risk:high used:>90d"
          autoComplete="off"
          spellcheck={false}
        />
        {queryProblem ? (
          <p id="policy-query-problem" class="error">
            {queryProblem}
          </p>
        ) : (
          <p id="policy-query-help" class="help">
            For example <code>perm:members:write</code> or <code>access:all expires:never</code>.
          </p>
        )}
        <button
          type="submit"
          disabled={
            policies === null || name.trim() === '' || query.trim() === '' || !!nameProblem || !!queryProblem
          }
        >
          Add policy
        </button>
        {saveError && (
          <p role="alert" class="error">
            {saveError}
          </p>
        )}
      </form>
    </section>
  );
}
