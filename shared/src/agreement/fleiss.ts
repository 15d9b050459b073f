/**
 * Fleiss' kappa for a fixed number of raters per subject (J. L. Fleiss,
 * "Measuring nominal scale agreement among many raters", Psychological
 * Bulletin 76(5), 1971):
 *
 *   P_i = (Σ_j n_ij² − n) / (n (n − 1)),  P̄ = mean_i P_i,
 *   p_j = Σ_i n_ij / (N n),  P̄_e = Σ_j p_j²,  κ = (P̄ − P̄_e) / (1 − P̄_e).
 */

/**
 * Fleiss' kappa of `table[subject][category]` = how many raters put that
 * subject into that category. Every subject must have the same number of
 * ratings n ≥ 2 (rows may differ in length; a missing cell is 0).
 *
 * Degenerate cases (`NaN`, never an exception): no subjects; rows with
 * different totals, fewer than two ratings per subject, or a negative,
 * fractional or non-finite count; P̄_e = 1 (every rating is the same
 * category, so agreement cannot be told from chance). Perfect agreement with
 * at least two categories in use → 1.
 */
export function fleissKappa(table: ReadonlyArray<ReadonlyArray<number>>): number {
  const subjects = table.length;
  if (subjects === 0) return NaN;
  let n = -1;
  const totals: number[] = [];
  let sumP = 0;
  for (const row of table) {
    let rowTotal = 0;
    let squares = 0;
    for (let j = 0; j < row.length; j++) {
      const x = row[j]!;
      if (!Number.isInteger(x) || x < 0) return NaN;
      rowTotal += x;
      squares += x * x;
      totals[j] = (totals[j] ?? 0) + x;
    }
    if (n === -1) n = rowTotal;
    else if (rowTotal !== n) return NaN;
    if (n < 2) return NaN;
    sumP += (squares - n) / (n * (n - 1));
  }
  const pBar = sumP / subjects;
  const all = subjects * n;
  let pe = 0;
  let sameCategory = false;
  for (const t of totals) {
    if (t === undefined) continue;
    if (t === all) sameCategory = true;
    pe += (t / all) ** 2;
  }
  if (sameCategory) return NaN;
  return (pBar - pe) / (1 - pe);
}
