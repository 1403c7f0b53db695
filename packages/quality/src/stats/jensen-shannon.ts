/**
 * Jensen–Shannon distance with log base 2, as `scipy.spatial.distance.jensenshannon(p, q, base=2)`:
 * both inputs are normalised to sum 1, `m = (p + q) / 2`, and the result is
 * `sqrt((KL(p‖m) + KL(q‖m)) / 2)` in bits. Bounded in [0, 1]; empty bins need no smoothing.
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length || p.length === 0) {
    throw new RangeError(`distributions must be non-empty and equally long (${p.length} vs ${q.length})`);
  }
  let sp = 0;
  let sq = 0;
  for (let k = 0; k < p.length; k++) {
    if (!(p[k]! >= 0) || !(q[k]! >= 0)) throw new RangeError(`bin ${k} is negative or NaN`);
    sp += p[k]!;
    sq += q[k]!;
  }
  if (!(sp > 0) || !(sq > 0)) return NaN;
  let js = 0;
  for (let k = 0; k < p.length; k++) {
    const a = p[k]! / sp;
    const b = q[k]! / sq;
    const m = (a + b) / 2;
    if (a > 0) js += a * Math.log(a / m);
    if (b > 0) js += b * Math.log(b / m);
  }
  js /= Math.LN2;
  return Math.sqrt(Math.max(0, js / 2));
}
