/**
 * Who may act on initiatives and solutions: experts of the advisory council (initiative.review,
 * held anywhere) score them; the standing office (initiative.decide) decides. Both read the queue.
 */
import { type Principal, canAnywhere } from '../../org/policies';

export function canReviewInitiatives(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'initiative.review');
}

export function canDecideInitiatives(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'initiative.decide');
}

/** The queue and proposal pages: reviewers and deciders. */
export function canSeeInitiatives(p: Principal | null | undefined): boolean {
  return canReviewInitiatives(p) || canDecideInitiatives(p);
}
