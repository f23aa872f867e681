// A tiny whitelist renderer for the meeting's welcome message.
// The server already sanitises it; we still never hand it to innerHTML. The string is
// parsed into an inert <template> (no scripts run, no images load) and rebuilt as
// Preact elements from a short list of tags, dropping every attribute except a safe href.

import { h, type ComponentChildren, type VNode } from 'preact';

const ALLOWED = new Set(['a', 'b', 'br', 'i', 'li', 'small', 'span', 'strong', 'u', 'ul']);
/** Elements dropped with their whole content. */
const DROP = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'title', 'head']);
const MAX_NODES = 2000;

/** http(s) and mailto links only; BigBlueButton's legacy "event:" prefix is stripped. */
export function safeHref(raw: string | null): string | null {
  if (!raw) return null;
  let href = raw.trim();
  if (/^event:/i.test(href)) href = href.slice(6).trim();
  // Control characters and whitespace inside a scheme are a classic filter bypass.
  if (/[\u0000-\u001f\u007f]/.test(href)) return null;
  if (!/^(https?:\/\/|mailto:)/i.test(href)) return null;
  return href;
}

export function renderWelcome(html: string): ComponentChildren {
  if (!html) return null;
  if (typeof document === 'undefined') return html.replace(/<[^>]*>/g, '');
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  let budget = MAX_NODES;
  let key = 0;

  const walk = (node: Node): ComponentChildren => {
    if (--budget < 0) return null;
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (DROP.has(tag)) return null;
    const kids: ComponentChildren[] = [];
    el.childNodes.forEach((c) => kids.push(walk(c)));
    if (!ALLOWED.has(tag)) return kids; // unwrap unknown elements, keep their text
    if (tag === 'br') return h('br', { key: key++ });
    if (tag === 'a') {
      const href = safeHref(el.getAttribute('href'));
      if (!href) return h('span', { key: key++ }, kids);
      return h('a', { key: key++, href, target: '_blank', rel: 'noopener noreferrer nofollow' }, kids);
    }
    return h(tag, { key: key++ }, kids) as VNode;
  };

  const out: ComponentChildren[] = [];
  tpl.content.childNodes.forEach((c) => out.push(walk(c)));
  return out;
}
