import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { useMemo } from 'react';

// Headings inside a guideline start at h3: the page and its cards own h1 and h2.
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  walkTokens: (token) => {
    if (token.type === 'heading') token.depth = Math.min(6, token.depth + 2);
  },
});

// Links in a guideline open beside the workspace, never in its place (unsaved work stays put).
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.getAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/**
 * Markdown (a guideline) as sanitised HTML: marked renders it, DOMPurify
 * removes scripts, event handlers, `javascript:` links, forms and inline
 * styles (the CSP allows none), so a scheme cannot run code in an
 * annotator's page.
 */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string;
  return DOMPurify.sanitize(html, { FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'], FORBID_ATTR: ['style'] });
}

export function Markdown({ source, className = '' }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  // Sanitised just above; React sets it as it is.
  return <div className={`markdown ${className}`.trim()} dangerouslySetInnerHTML={{ __html: html }} />;
}
