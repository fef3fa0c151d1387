/**
 * Handbook bodies are written in a small Markdown subset that both the admin app and the
 * mini-program render the same way (no HTML): `#`/`##`/`###` headings, `- ` and `1. ` list items,
 * `> ` notes, and paragraphs (blank line between). Anything else is text.
 */
export type BodyBlock =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'note'; text: string }
  | { type: 'paragraph'; text: string };

export function parseBody(body: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (para.length > 0) blocks.push({ type: 'paragraph', text: para.join('') });
    para = [];
    if (list) blocks.push({ type: 'list', ...list });
    list = null;
  };
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      blocks.push({ type: 'heading', level: h[1]!.length as 1 | 2 | 3, text: h[2]! });
      continue;
    }
    const ul = /^[-*]\s+(.*)$/.exec(line);
    const ol = /^\d+[.、]\s*(.*)$/.exec(line);
    const item = ul ?? ol;
    if (item) {
      const ordered = !ul;
      if (para.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[1]!);
      continue;
    }
    const note = /^>\s?(.*)$/.exec(line);
    if (note) {
      flush();
      blocks.push({ type: 'note', text: note[1]! });
      continue;
    }
    if (list) flush();
    para.push(line);
  }
  flush();
  return blocks;
}

/** The body as plain text (for snippets and the search index). */
export function bodyPlainText(body: string): string {
  return parseBody(body)
    .map((b) => (b.type === 'list' ? b.items.join('\n') : b.text))
    .join('\n');
}
