/**
 * Small statistics and formatting helpers for the bench (pure functions, no I/O).
 */

/** Nearest-rank percentile of an ascending-sorted array (q in [0, 1]); NaN when empty. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** Median of any array (not mutated); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Formats a number with a precision suited to its size. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 1000) return Math.round(value).toString();
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** botojs / v3 as "1.23x"; n/a when either side is missing. */
export function ratio(botojs: number, v3: number): string {
  if (!Number.isFinite(botojs) || !Number.isFinite(v3) || v3 === 0) return 'n/a';
  return `${(botojs / v3).toFixed(2)}x`;
}

/** Renders rows as a fixed-width text table (first row is the header). */
export function table(rows: readonly (readonly string[])[]): string {
  const [header, ...body] = rows;
  const widths = header.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  // Columns of numbers (percentages, ratios, ranges) align right; words and paths align left.
  const numeric = (cell: string): boolean => /^[\d.n/a()%x -]+$/.test(cell) && /\d|n\/a/.test(cell);
  const right = header.map((_, col) => body.length > 0 && body.every((row) => numeric(row[col] ?? '')));
  const line = (row: readonly string[]): string =>
    row.map((cell, col) => (right[col] ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
