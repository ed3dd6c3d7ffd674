/**
 * Redaction of text that goes public (answers, rating comments): phone numbers, personal ID numbers, e-mail
 * addresses, and any names the caller knows (the petitioner's) are replaced by "[đã ẩn]". A safety net, not a
 * substitute for the officer's own redaction before publishing.
 */
export const REDACTED = '[đã ẩn]';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redact(text: string, names: (string | null | undefined)[] = []): string {
  let out = text
    .replace(/[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}/g, REDACTED)
    .replace(/(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\d])/g, REDACTED)
    .replace(/(?<!\d)\d{9}(?:\d{3})?(?!\d)/g, REDACTED);
  for (const name of names) {
    const n = name?.normalize('NFC').trim();
    if (n && n.length >= 3) out = out.replace(new RegExp(escapeRegExp(n), 'giu'), REDACTED);
  }
  return out;
}
