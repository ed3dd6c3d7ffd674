/**
 * Open311 GeoReport v2 wire formats: XML (required by the spec) and JSON, UTF-8, ISO 8601 with a time zone
 * (DânVận writes Vietnam time, +07:00), and the spec's error list `[{code, description}]` /
 * `<errors><error><code/><description/></error></errors>`.
 */
import type { FastifyReply } from 'fastify';

export type Format = 'json' | 'xml';
export const FORMATS: readonly Format[] = ['json', 'xml'];

export type Scalar = string | number | boolean | null | undefined;
export type Item = Record<string, Scalar | Item[]>;

/** Characters XML 1.0 cannot carry at all are dropped; the five special ones escaped. */
export function xmlText(v: string): string {
  return v
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The element of one entry of a nested list: <attributes><attribute/>, <values><value/>. */
const CHILD: Record<string, string> = { attributes: 'attribute', values: 'value' };

function element(name: string, value: Scalar | Item[]): string {
  if (Array.isArray(value)) return `<${name}>${value.map((v) => itemXml(CHILD[name] ?? 'item', v)).join('')}</${name}>`;
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

function itemXml(name: string, item: Item): string {
  return `<${name}>${Object.entries(item)
    .map(([k, v]) => element(k, v))
    .join('')}</${name}>`;
}

/** `<root><item>…</item>…</root>` with the XML declaration. */
export function toXml(root: string, itemName: string, items: Item[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${items.map((i) => itemXml(itemName, i)).join('')}</${root}>`;
}

export function sendList(reply: FastifyReply, format: Format, root: string, itemName: string, items: Item[], status = 200) {
  if (format === 'json') return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(items));
  return reply.status(status).type('text/xml; charset=utf-8').send(toXml(root, itemName, items));
}

/** The spec's error list. */
export class Open311Error extends Error {
  constructor(
    readonly statusCode: number,
    readonly errors: { code: number; description: string }[],
  ) {
    super(errors.map((e) => e.description).join('; '));
  }
}
export const open311Error = (statusCode: number, description: string) => new Open311Error(statusCode, [{ code: statusCode, description }]);

export function sendErrors(reply: FastifyReply, format: Format, err: Open311Error) {
  return sendList(reply, format, 'errors', 'error', err.errors, err.statusCode);
}

/** "2026-07-15T10:00:00+07:00" (Vietnam has no daylight saving time). */
export function vietnamIso(instant: Date): string {
  const shifted = new Date(instant.getTime() + 7 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+07:00`;
}

/** A legal deadline day ends at 23:59:59 Vietnam time (the clock's convention, computeDeadline). */
export function deadlineIso(day: string | null): string | null {
  return day ? `${day}T23:59:59+07:00` : null;
}

/** The format of a request: the path's extension; anything else answers in XML, the spec's required format. */
export function formatOf(raw: unknown): Format {
  return raw === 'json' ? 'json' : 'xml';
}
