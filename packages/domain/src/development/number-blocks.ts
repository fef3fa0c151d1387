/**
 * 号段 (number blocks) of 团员编号 sequences, per year: the city assigns blocks to each district
 * tenant; a district assigns sub-blocks to its 团委; approval draws the next sequence.
 */
export const MAX_SEQUENCE = 999_999;

export interface SequenceRange {
  startSeq: number;
  endSeq: number;
}

export function checkBlockRange(r: SequenceRange): string | null {
  if (!Number.isInteger(r.startSeq) || !Number.isInteger(r.endSeq)) return '号段起止须为整数';
  if (r.startSeq < 1 || r.endSeq > MAX_SEQUENCE) return `号段须在 1–${MAX_SEQUENCE} 之间（6位序号）`;
  if (r.startSeq > r.endSeq) return '号段起始序号不能大于结束序号';
  return null;
}

export function rangesOverlap(a: SequenceRange, b: SequenceRange): boolean {
  return a.startSeq <= b.endSeq && b.startSeq <= a.endSeq;
}

export function rangeWithin(inner: SequenceRange, outer: SequenceRange): boolean {
  return inner.startSeq >= outer.startSeq && inner.endSeq <= outer.endSeq;
}

export function blockSize(r: SequenceRange): number {
  return r.endSeq - r.startSeq + 1;
}

export const NO_NUMBER_BLOCK_MESSAGE =
  '无可用团员编号号段，不能批准入团：请先由区县团委为批准的团委分配本年度号段（无编号团员不得存在，《发展团员工作细则》）';
