// "Create the GitHub App": the one link that sets up what PATrol needs, pre-filled on GitHub's
// registration page (lib/app-registration.ts), with each permission and why it is asked for.
import { APP_PERMISSIONS, appRegistrationUrl } from '../../lib/app-registration';

export function CreateApp({ webHost, org }: { webHost: string; org: string | null }) {
  return (
    <section aria-labelledby="create-app-heading" class="setup">
      <h2 id="create-app-heading">Set up the GitHub App</h2>
      <p>
        GitHub lets only a GitHub App list and revoke an organization's fine-grained tokens, so PATrol works
        through your organization's own App.{' '}
        {org ? (
          <>
            The link creates it under <strong>{org}</strong>.
          </>
        ) : (
          'Type your organization under "Test the connection" to create it there.'
        )}
      </p>
      <p>
        <a
          class="btn btn-primary"
          href={appRegistrationUrl(webHost, org)}
          target="_blank"
          rel="noopener noreferrer"
        >
          Create the GitHub App
        </a>
      </p>
      <p>GitHub's page opens filled in with these organization permissions (change nothing else):</p>
      <ul aria-label="Permissions PATrol needs">
        {APP_PERMISSIONS.map((p) => (
          <li key={p.param}>
            <strong>{p.label}</strong>: {p.why}.
          </li>
        ))}
      </ul>
      <p class="help">
        Before you press "Create GitHub App", tick <em>Enable Device Flow</em> to sign in below without a key.
        Then <em>Install App</em> on your organization and copy its Client ID (it starts with "Iv") into the
        form below.
      </p>
    </section>
  );
}
