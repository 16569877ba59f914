// Where the policies are kept: storage.local, read by the options page, the panel, the popup
// and the worker (a policy is no secret). The CLI takes its policies from its arguments.
import { storage } from 'wxt/utils/storage';
import { DEFAULT_POLICIES, type Policy, validPolicies } from './policies';

export const policiesItem = storage.defineItem<Policy[]>('local:policies', {
  fallback: [...DEFAULT_POLICIES],
});

/** The stored policies, each one still valid. */
export async function readPolicies(): Promise<Policy[]> {
  return validPolicies(await policiesItem.getValue());
}
