// What the registry's handlers share: the worker's modules, built once by service.ts.
import type { Credentials } from './credentials';
import type { GrantsLoader } from './grants-loader';
import type { JobRunner } from './job-runner';
import type { ProgressHub } from './progress-hub';
import type { RequestsLoader } from './requests-loader';

export interface WorkerContext {
  credentials: Credentials;
  loader: GrantsLoader;
  requests: RequestsLoader;
  runner: JobRunner;
  hub: ProgressHub;
  now: () => number;
  fetch?: typeof fetch;
}
