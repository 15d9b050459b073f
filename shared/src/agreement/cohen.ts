/**
 * Cohen's kappa for two coders (J. Cohen, "A coefficient of agreement for
 * nominal scales", Educational and Psychological Measurement 20(1), 1960):
 *
 *   κ = (p_o − p_e) / (1 − p_e),  p_e = Σ_c p_a(c) · p_b(c)
 *
 * with each coder's own marginal proportions. Computed on integer counts,
 * κ = (N·A − Σ_c a_c b_c) / (N² − Σ_c a_c b_c), so degenerate cases are exact.
 */
import type { ReliabilityValue } from './krippendorff.js';

function isMissing(v: ReliabilityValue): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Cohen's kappa of two coders' labels over the same units: `a[i]` and `b[i]`
 * are the labels of unit i. Units where either label is missing (`null`,
 * `undefined`, `NaN`, or past the end of the shorter array) are left out.
 * Labels are compared with `===`. Any array-like works (e.g. a `Uint8Array`
 * of 0/1 marks).
 *
 * Degenerate cases: no unit left → `NaN`; p_e = 1 (both coders used one and
 * the same label for every unit, so agreement cannot be told from chance) →
 * `NaN`. Perfect agreement with at least two labels in use → 1. The result
 * always lies in [−1, 1].
 */
export function cohenKappa(a: ArrayLike<ReliabilityValue>, b: ArrayLike<ReliabilityValue>): number {
  const countA = new Map<string | number, number>();
  const countB = new Map<string | number, number>();
  let n = 0;
  let agree = 0;
  const len = Math.max(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const x = a[i];
    const y = b[i];
    if (isMissing(x) || isMissing(y)) continue;
    n++;
    if (x === y) agree++;
    countA.set(x!, (countA.get(x!) ?? 0) + 1);
    countB.set(y!, (countB.get(y!) ?? 0) + 1);
  }
  if (n === 0) return NaN;
  let chance = 0; // Σ a_c b_c = N² p_e
  for (const [c, ac] of countA) chance += ac * (countB.get(c) ?? 0);
  const denominator = n * n - chance;
  if (denominator === 0) return NaN;
  return (n * agree - chance) / denominator;
}
