// The orgs whose grants are cached: how fresh each cache is, refresh and remove, and a
// form to add an org by login without visiting its Active tokens page first.
import { useState } from 'preact/hooks';
import { countOf, formatCount } from '../../lib/plural';
import type { LoadProgress, OrgSummary } from '../../lib/protocol';
import { useStore } from '../use-store';
import { cacheAgeText } from './format';
import type { PopupController } from './store';

function Progress({ progress }: { progress: LoadProgress }) {
  const label = `Loading ${progress.org}`;
  // GitHub's last page only bounds the total, so it reads as an estimate.
  const text = progress.total
    ? `${formatCount(progress.loaded)} of about ${formatCount(progress.total)} tokens`
    : `${formatCount(progress.loaded)} tokens so far`;
  return (
    <span class="org-progress">
      <progress
        aria-label={label}
        value={progress.total ? progress.loaded : undefined}
        max={progress.total ?? undefined}
      />
      <span class="help">{text}</span>
    </span>
  );
}

interface RowProps {
  summary: OrgSummary;
  controller: PopupController;
  progress: LoadProgress | undefined;
  error: string | undefined;
}

function OrgRow({ summary, controller, progress, error }: RowProps) {
  const { org, count, loadedAt, pending } = summary;
  return (
    <li class="org">
      <div class="org-line">
        <a
          class="org-name"
          dir="auto"
          href={controller.orgUrl(org) ?? undefined}
          // The popup opens tabs itself (a plain link would navigate the popup).
          onClick={(event) => {
            event.preventDefault();
            controller.openOrg(org);
          }}
        >
          {org}
        </a>
        <span class="help">
          {countOf(count, 'token')}
          {pending === undefined ? '' : ` · ${pending} pending`} · {cacheAgeText(loadedAt, controller.now())}
        </span>
        <span class="org-actions">
          <button
            type="button"
            aria-label={`Refresh ${org}`}
            disabled={progress !== undefined}
            onClick={() => void controller.refresh(org)}
          >
            Refresh
          </button>
          <button type="button" aria-label={`Remove ${org}`} onClick={() => void controller.remove(org)}>
            Remove
          </button>
        </span>
      </div>
      {progress && <Progress progress={progress} />}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function AddOrg({ controller }: { controller: PopupController }) {
  const [value, setValue] = useState('');
  const addError = useStore(controller.store, (s) => s.addError);
  const progress = useStore(controller.store, (s) => s.loading[value.trim()]);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (await controller.addOrg(value)) setValue('');
  };
  return (
    <form class="add-org" onSubmit={onSubmit}>
      <label for="popup-add-org">Add organization</label>
      <div class="add-line">
        <input
          id="popup-add-org"
          type="text"
          autocomplete="off"
          spellcheck={false}
          placeholder="org-login"
          value={value}
          aria-invalid={addError !== null}
          aria-describedby={addError ? 'popup-add-error' : undefined}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <button type="submit" aria-label="Add organization" disabled={progress !== undefined}>
          Add
        </button>
      </div>
      {progress && <Progress progress={progress} />}
      {addError && (
        <p id="popup-add-error" class="error" role="alert">
          {addError}
        </p>
      )}
    </form>
  );
}

export function Orgs({ controller }: { controller: PopupController }) {
  const orgs = useStore(controller.store, (s) => s.orgs);
  const loading = useStore(controller.store, (s) => s.loading);
  const errors = useStore(controller.store, (s) => s.orgErrors);
  return (
    <section class="orgs" aria-labelledby="popup-orgs-heading">
      <h2 id="popup-orgs-heading">Organizations</h2>
      {orgs.length > 0 && (
        <ul class="org-list">
          {orgs.map((summary) => (
            <OrgRow
              key={summary.org}
              summary={summary}
              controller={controller}
              progress={loading[summary.org]}
              error={errors[summary.org]}
            />
          ))}
        </ul>
      )}
      <AddOrg controller={controller} />
    </section>
  );
}
