/**
 * The promotion gate projects use before moving an alias: promote when there is no current score (none, null or
 * NaN) or when the new score beats it by more than `minDelta` (scores where higher is better: R², accuracy, F1…).
 * A NaN or missing new score never promotes.
 */
export function shouldPromote(
  newScore: number | null | undefined,
  currentScore: number | null | undefined,
  minDelta = 0.01,
): boolean {
  if (newScore === null || newScore === undefined || Number.isNaN(newScore)) return false;
  if (currentScore === null || currentScore === undefined || Number.isNaN(currentScore)) return true;
  return newScore > currentScore + minDelta;
}
