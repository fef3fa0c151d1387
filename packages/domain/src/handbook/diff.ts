/**
 * Line diff between two versions of a handbook body (longest common subsequence of lines), for
 * the "what changed since you last read" view.
 */
export interface DiffLine {
  op: 'same' | 'add' | 'del';
  text: string;
}

const MAX_CELLS = 4_000_000;

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.replace(/\r\n?/g, '\n').split('\n');
  const b = after.replace(/\r\n?/g, '\n').split('\n');
  // Common head and tail first: most revisions touch a few lines.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const out: DiffLine[] = a.slice(0, head).map((text) => ({ op: 'same', text }));
  if (am.length * bm.length > MAX_CELLS) {
    for (const text of am) out.push({ op: 'del', text });
    for (const text of bm) out.push({ op: 'add', text });
  } else {
    const n = am.length;
    const m = bm.length;
    // lcs[i][j] = LCS length of am[i..] and bm[j..]
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i]![j] = am[i] === bm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (am[i] === bm[j]) {
        out.push({ op: 'same', text: am[i]! });
        i++;
        j++;
      } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: 'del', text: am[i++]! });
      else out.push({ op: 'add', text: bm[j++]! });
    }
    while (i < n) out.push({ op: 'del', text: am[i++]! });
    while (j < m) out.push({ op: 'add', text: bm[j++]! });
  }
  for (const text of a.slice(a.length - tail)) out.push({ op: 'same', text });
  return out;
}

/** Only the changed lines with `context` unchanged lines around them ('…' marks a gap). */
export function changedLines(diff: DiffLine[], context = 1): DiffLine[] {
  const keep = diff.map(() => false);
  diff.forEach((d, i) => {
    if (d.op === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(diff.length - 1, i + context); k++) keep[k] = true;
  });
  const out: DiffLine[] = [];
  let gap = false;
  diff.forEach((d, i) => {
    if (keep[i]) {
      if (gap) out.push({ op: 'same', text: '…' });
      gap = false;
      out.push(d);
    } else gap = true;
  });
  return out;
}
