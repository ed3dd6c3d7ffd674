/**
 * What a citizen may attach: photos (from the phone camera) and PDF files, recognised by their first bytes
 * rather than by the name or the browser's word. Limits are explained on the form (ATTACHMENT_LIMITS).
 */
import type { FieldIssue } from '../../plugins/errors.ts';

export const ATTACHMENT_LIMITS = { maxFiles: 3, maxFileBytes: 5 * 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 } as const;

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

export interface CheckedFile extends UploadedFile {
  contentType: string;
}

/** The real type from the magic number: JPEG, PNG, WebP, HEIC/HEIF (iPhone camera), PDF. */
export function sniffType(data: Buffer): string | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (data.length >= 12 && data.toString('latin1', 4, 8) === 'ftyp') {
    const brand = data.toString('latin1', 8, 12);
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
  }
  if (data.length >= 5 && data.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

/** Keeps a readable, safe file name: no path, no control characters, at most 120 characters. */
export function safeFileName(name: string, contentType: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base.normalize('NFC')]
    .filter((ch) => ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) !== 127 && !'"<>|:*?'.includes(ch))
    .join('')
    .trim()
    .slice(-120);
  if (clean) return clean;
  return contentType === 'application/pdf' ? 'tai-lieu.pdf' : 'anh';
}

export function checkAttachments(files: UploadedFile[], issues: FieldIssue[]): CheckedFile[] {
  const nonEmpty = files.filter((f) => f.data.length > 0);
  if (nonEmpty.length > ATTACHMENT_LIMITS.maxFiles) {
    issues.push({ field: 'attachments', key: 'field.attachmentCount', params: { limit: ATTACHMENT_LIMITS.maxFiles } });
    return [];
  }
  const out: CheckedFile[] = [];
  let total = 0;
  nonEmpty.forEach((f, i) => {
    total += f.data.length;
    const contentType = sniffType(f.data);
    if (!contentType) issues.push({ field: `attachments.${i}`, key: 'field.attachmentType', params: { name: safeFileName(f.fileName, '') } });
    else if (f.data.length > ATTACHMENT_LIMITS.maxFileBytes) {
      issues.push({ field: `attachments.${i}`, key: 'field.attachmentSize', params: { name: safeFileName(f.fileName, contentType), limit: 5 } });
    } else out.push({ ...f, fileName: safeFileName(f.fileName, contentType), contentType });
  });
  if (total > ATTACHMENT_LIMITS.maxTotalBytes) issues.push({ field: 'attachments', key: 'field.attachmentTotal', params: { limit: 10 } });
  return out;
}
