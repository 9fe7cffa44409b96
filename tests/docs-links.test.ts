// The documentation holds together: every relative link in the user-facing Markdown files points
// at a file that exists (and at a heading that exists, where it names one), and the README stays a
// front page that speaks only of the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const DOCUMENTS = ['README.md', 'CHANGELOG.md', 'web/README.md', 'bench/README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const README_MAX_LINES = 220;

const FENCED_CODE = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;
/** An indented code block: lines indented by four spaces or a tab after a blank line. */
const INDENTED_CODE = /(^|\n[ \t]*\n)((?: {4}|\t)[^\n]*(?:\n(?: {4}|\t)[^\n]*)*)/g;

/** The text outside code blocks and inline code spans, where Markdown links live. */
function proseOf(markdown: string): string {
  return markdown.replace(FENCED_CODE, '').replace(INDENTED_CODE, '$1').replace(/`[^`\n]*`/g, '');
}

/** Targets of the inline links and images `[text](target)` (not `\[escaped]`) that are not absolute URLs. */
function relativeLinks(markdown: string): string[] {
  const targets = [...proseOf(markdown).matchAll(/(?<!\\)!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings, duplicates numbered as GitHub numbers them. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const m of markdown.replace(FENCED_CODE, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(m[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** What is wrong with each relative link of `markdown`, read as the file `file` (relative to root). */
function brokenLinks(file: string, markdown: string, read: (path: string) => string | null): string[] {
  const problems: string[] = [];
  for (const target of relativeLinks(markdown)) {
    const [path, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved = path === '' ? file : relative(root, join(root, dirname(file), decodeURIComponent(path)));
    const text = resolved === file ? markdown : read(resolved);
    if (text === null) problems.push(`${file}: ${target} — no file ${resolved}`);
    else if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(text).has(anchor)) problems.push(`${file}: ${target} — no heading #${anchor} in ${resolved}`);
  }
  return problems;
}

/** A repository file's text ('' for a folder), or null where nothing is. */
function readRepo(path: string): string | null {
  const full = join(root, path);
  if (!existsSync(full)) return null;
  return path.endsWith('.md') ? readFileSync(full, 'utf8') : '';
}

describe('documentation links', () => {
  it('the checker reports a missing file and a missing heading, and accepts good links', () => {
    const doc =
      '# Title\n\n## A section: with `code`\n\n[ok](#a-section-with-code) [up](README.md) [web](https://example.org)\n' +
      '[gone](docs/nowhere.md) [bad](#no-such-heading) `[code](not-a-link.md)` A\\[M](v)\n\n    A[M](v) in an indented code block\n';
    const problems = brokenLinks('page.md', doc, readRepo);
    expect(problems).toEqual(['page.md: docs/nowhere.md — no file docs/nowhere.md', 'page.md: #no-such-heading — no heading #no-such-heading in page.md']);
  });

  it('numbers the anchors of repeated headings as GitHub does', () => {
    expect([...anchorsOf('## run\n## run\n## 4. Required properties\n')]).toEqual(['run', 'run-1', '4-required-properties']);
  });

  it.each(DOCUMENTS)('every relative link in %s resolves', (file) => {
    expect(brokenLinks(file, readFileSync(join(root, file), 'utf8'), readRepo)).toEqual([]);
  });

  it(`README.md is a front page of at most ${README_MAX_LINES} lines that links into docs/`, () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(README_MAX_LINES);
    expect(relativeLinks(readme).filter((t) => t.startsWith('docs/')).length).toBeGreaterThan(0);
  });

  it('no document points outside the repository', () => {
    for (const file of DOCUMENTS) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text, file).not.toMatch(/\.\.\/shared|(^|[\s(])shared\//m);
      for (const target of relativeLinks(text)) expect(relative(root, join(root, dirname(file), target.split('#')[0]!)), `${file}: ${target}`).not.toMatch(/^\.\./);
    }
  });
});
