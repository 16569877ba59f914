// `patrol --help` and `patrol COMMAND --help`.
import type { Command } from './args';

const ENVIRONMENT = `Environment:
  PATROL_APP_ID            the GitHub App's App ID or Client ID
  PATROL_PRIVATE_KEY       the App's private key (.pem text), or
  PATROL_PRIVATE_KEY_FILE  the path of that .pem file
  PATROL_API_URL           https://api.github.com (default), https://api.SUBDOMAIN.ghe.com,
                           or https://HOST/api/v3 for GitHub Enterprise Server

Exit status: 0 done, 1 --fail-on matched, 2 usage error, 3 GitHub or credential error.`;

const QUERY = `QUERY is the panel's filter language, e.g. "risk:high used:>90d" or "owner:alice -perm:contents".`;

export const HELP: Record<Command | 'patrol', string> = {
  patrol: `patrol: audit and revoke the fine-grained personal access tokens of GitHub organizations

Usage:
  patrol audit --org ORG [--org ORG …] [--query QUERY] [--format csv|json|md] [--out DIR] [--fail-on QUERY] [--sso]
  patrol revoke --org ORG --query QUERY [--yes] [--journal FILE]
  patrol requests --org ORG [--query QUERY] [--approve|--deny] [--reason TEXT] [--yes]

Run "patrol COMMAND --help" for a command's flags.

${ENVIRONMENT}`,
  audit: `Usage: patrol audit --org ORG [--org ORG …] [flags]

Lists every fine-grained token with access to each org, with its risk level.

  --org ORG          an organization (repeat for several)
  --query QUERY      only the tokens that match QUERY
  --format FORMAT    csv (the panel's audit CSV, default), json (JSON lines, one token a line)
                     or md (a Markdown summary for $GITHUB_STEP_SUMMARY); repeat with --out
  --out DIR          write {org}-tokens-{YYYY-MM-DD}.csv|.jsonl|.md into DIR (prints the paths)
  --fail-on QUERY    exit 1 when any audited token matches QUERY (a CI gate)
  --policy NAME=QUERY  a policy counted in the summary (repeat; default: the extension's three)
  --no-repos         do not fetch the repository lists of selected-repository tokens
  --sso              also list the org's SAML SSO credential authorizations (classic tokens,
                     SSH keys, OAuth and App tokens; GitHub Enterprise Cloud, App permission
                     "Administration: read"): {org}-sso-credentials-{YYYY-MM-DD}.csv|.jsonl
                     in --out DIR, and a section of the md summary
  -h, --help         this help

${QUERY}

${ENVIRONMENT}`,
  revoke: `Usage: patrol revoke --org ORG --query QUERY [--yes] [flags]

Lists the tokens that match QUERY and would be revoked; changes nothing without --yes.
With --yes, revokes exactly that list in batches of at most 100, recording every step in
a journal: a run that was stopped resumes from it without sending a recorded id again.

  --org ORG          the organization
  --query QUERY      which tokens (required)
  --yes              revoke them
  --journal FILE     the journal (default: patrol-revoke-ORG.journal.json)
  --format FORMAT    md (default), csv or json: the list, then each token's outcome
  -h, --help         this help

${QUERY}

${ENVIRONMENT}`,
  requests: `Usage: patrol requests --org ORG [--query QUERY] [--approve|--deny] [--reason TEXT] [--yes]

Lists the org's pending token requests that match QUERY (reason: and requested: too).
With --approve or --deny, says what would be done; with --yes as well, does it, journaled
like revoke. --reason (at most 1,024 characters) is sent to the requesters.

  --org ORG          the organization
  --query QUERY      which requests (default: all pending)
  --approve, --deny  the decision
  --reason TEXT      the reason GitHub shows the requester
  --yes              carry it out
  --journal FILE     the journal (default: patrol-requests-ORG.journal.json)
  --format FORMAT    md (default), csv or json
  -h, --help         this help

${ENVIRONMENT}`,
};
