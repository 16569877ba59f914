// A warning above the options page and the popup when the browser does not let PATrol reach
// GitHub (see lib/host-access.ts), with the one button that asks for it again.
import { useCallback, useEffect, useState } from 'preact/hooks';

export interface HostAccessDeps {
  missing: () => Promise<string[]>;
  request: (origins: string[]) => Promise<boolean>;
  onChange: (listener: () => void) => () => void;
}

const hostOf = (pattern: string) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '');

export function HostAccess({ deps }: { deps: HostAccessDeps }) {
  const [missing, setMissing] = useState<string[]>([]);
  const [refused, setRefused] = useState(false);
  const check = useCallback(() => {
    deps.missing().then(setMissing, () => setMissing([]));
  }, [deps]);
  useEffect(() => {
    check();
    return deps.onChange(check);
  }, [deps, check]);

  if (missing.length === 0) return null;
  const allow = async () => {
    const granted = await deps.request(missing).catch(() => false);
    setRefused(!granted);
    check();
  };
  return (
    <section class="host-access" role="alert" aria-label="GitHub access">
      <p>
        PATrol is not allowed to reach {missing.map(hostOf).join(' and ')}. Until it is, the panel cannot
        appear on GitHub's Active tokens page and PATrol cannot list or revoke tokens.
      </p>
      <button type="button" class="primary" onClick={() => void allow()}>
        Allow access to GitHub
      </button>
      {refused && (
        <p>
          Access was not granted. Allow it with the button above, or in your browser's extension settings
          (Firefox: Add-ons and themes → PATrol → Permissions).
        </p>
      )}
    </section>
  );
}
