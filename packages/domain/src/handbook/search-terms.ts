/**
 * Chinese full-text search without a tokenizer, the same on PGlite and PostgreSQL: text is
 * normalised (NFKC, lower case) and cut into runs of letters / digits / CJK characters; every run
 * is indexed by its overlapping character bigrams (a one-character run by itself). A query segment
 * of two or more characters matches a document that has all of its bigrams (index lookup); the
 * hit is then confirmed by the segment itself occurring in the text (bigrams can match out of
 * order), so the result is exact substring search, ranked.
 */

const RUN = /[\p{L}\p{N}]+/gu;

export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The runs of a text (or query): letters, digits and CJK characters, normalised. */
export function textRuns(text: string): string[] {
  return normaliseText(text).match(RUN) ?? [];
}

/** The index terms of a run: its bigrams, or the run itself when it is one character. */
export function runTerms(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return [run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** All distinct index terms of a text. */
export function indexTerms(text: string): string[] {
  const set = new Set<string>();
  for (const run of textRuns(text)) for (const t of runTerms(run)) set.add(t);
  return [...set];
}

export interface SearchQuery {
  /** Normalised segments; every one must occur in the title or the body. */
  segments: string[];
  /** Index terms that narrow the candidates (segments of one character add none). */
  terms: string[];
}

export function parseSearchQuery(q: string): SearchQuery {
  const segments = [...new Set(textRuns(q))].slice(0, 8);
  const terms = new Set<string>();
  for (const s of segments) if (Array.from(s).length >= 2) for (const t of runTerms(s)) terms.add(t);
  return { segments, terms: [...terms] };
}

function count(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Relevance of a document for the query, 0 when a segment is missing. A title hit weighs ten body
 * hits; body hits count up to 20 per segment.
 */
export function searchScore(query: SearchQuery, title: string, plainBody: string): number {
  const t = normaliseText(title);
  const b = normaliseText(plainBody);
  let score = 0;
  for (const s of query.segments) {
    const inTitle = count(t, s);
    const inBody = count(b, s);
    if (inTitle + inBody === 0) return 0;
    score += inTitle * 10 + Math.min(inBody, 20);
  }
  return score;
}

/** About `width` characters of the text around the first hit of a segment, with ellipses. */
export function searchSnippet(plainBody: string, query: SearchQuery, width = 60): string {
  const flat = plainBody.replace(/\s+/g, ' ').trim();
  const norm = normaliseText(flat);
  let at = -1;
  for (const s of query.segments) {
    const i = norm.indexOf(s);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  // NFKC may change lengths (full-width forms); positions in `norm` are close enough for a window.
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
