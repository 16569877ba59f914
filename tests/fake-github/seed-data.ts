// Word lists, hostile strings and small random helpers used by seed.ts.

const list = (s: string): string[] => s.trim().split(/\s*\|\s*/);

export const FIRST =
  list(`alex | ana | ben | carla | chen | dana | diego | elena | emma | farah | felix | grace | hana |
  ivan | jade | jonas | kai | lars | lea | liam | maya | mei | nadia | noah | olga | omar | priya | quinn | raj | rosa |
  sam | sara | tariq | uma | victor | wei | yara | yusuf | zoe`);
export const LAST =
  list(`adams | baker | chen | diaz | evans | fischer | garcia | hansen | ito | jensen | kim |
  kowalski | lopez | martin | meyer | novak | okafor | patel | quispe | rossi | silva | smith | tanaka | ueda | varga |
  wang | weber | xu | yilmaz | zhang`);
export const BOTS = list('deploy-bot | ci-runner | release-robot | infra-automation | svc-backup');
export const REPO_A =
  list(`api | web | infra | docs | billing | auth | search | mobile | data | ml | payments |
  platform | terraform | helm | design | analytics | gateway | notifications | admin | edge`);
export const REPO_B =
  list(`service | app | config | site | worker | sdk | cli | tools | pipelines | charts | ui |
  core | backend | frontend | monorepo | scripts`);
export const LANGS = ['TypeScript', 'Go', 'Python', 'Ruby', 'HCL', 'Rust', 'Java', null];
export const NAME_A =
  list(`ci | deploy | release | terraform | renovate | backup | local dev | laptop | gh cli |
  codespaces | vault sync | monitoring | data export | migration | docs build | actions runner | package publish |
  security scan | test | my token | jira sync | slack bot | grafana | argo cd`);
export const NAME_B = [
  '',
  '',
  ' (prod)',
  ' (staging)',
  '-2',
  ' 2024',
  ' 2025',
  ' temp',
  ' – do not delete',
  ' v2',
];
export const REPO_PERMS =
  list(`contents | issues | pull_requests | actions | workflows | administration | secrets |
  deployments | environments | pages | checks | statuses | secret_scanning_alerts | security_events |
  vulnerability_alerts | discussions | codespaces | repository_hooks`);
export const ORG_PERMS =
  list(`members | organization_administration | organization_projects | organization_secrets |
  organization_self_hosted_runners | organization_hooks | organization_events | organization_user_blocking |
  organization_plan | organization_copilot_seat_management | custom_properties`);
export const OTHER_PERMS = list(
  'gists | followers | email_addresses | git_ssh_keys | gpg_keys | starring | profile | plan',
);
export const ADMIN_OK = new Set(['organization_projects', 'organization_administration', 'administration']);
export const OFFSETS = [0, 0, 0, 0, 0, -420, -480, -300, 60, 120, 330, 540];
export const REASONS = ['Need to automate releases', 'CI for the docs site', null, 'Migrating issues', ''];

/** Strings meant to break HTML, CSV/spreadsheets, bidi rendering, layout. */
export const HOSTILE_STRINGS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil","x")',
  '+SUM(1,1)',
  '-2+3',
  '@cmd',
  '\tTab-leading token',
  '\rCR-leading token',
  'x'.repeat(1000),
  '\u202Eexe.tnemucod',
  'zero\u200Bwidth\u200Cjoin\u200Dtoken\uFEFF',
  '🔥 deploy 🚀 👩‍💻',
  '"quoted", \'single\', comma, and\nnewline',
  '</td></tr><tr><td>injected',
  "Robert'); DROP TABLE tokens;--",
  'ünïcödé ΑΒΓ 漢字 עברית',
];
export const HOSTILE_LOGINS = [
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil","x")',
  '+SUM(1,1)',
  '@cmd',
  '-2+3',
  '\u202Ereversed',
];

/** mulberry32: tiny, fast, good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Increasing ids with random gaps of 1..maxGap. */
export function idSequence(start: number, rand: () => number, maxGap: number): () => number {
  let v = start;
  return () => {
    v += 1 + Math.floor(rand() * maxGap);
    return v;
  };
}

export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}
