// How request counts read: PRODUCT.md names the dialogs `Approve {n} requests`, `… 1 request`.
import type { ReviewKind } from '../../lib/protocol';

export const requestsText = (n: number): string => (n === 1 ? '1 request' : `${n} requests`);

export const VERB: Record<ReviewKind, { title: string; past: string; doing: string }> = {
  approve: { title: 'Approve', past: 'Approved', doing: 'Approving' },
  deny: { title: 'Deny', past: 'Denied', doing: 'Denying' },
};
