/**
 * Links in messages are written with these placeholders when the message is enqueued (inside a use case that
 * knows nothing of the deployment) and resolved by the worker from DANVAN_PUBLIC_URL when it sends.
 */
export const PORTAL_LINK = '{{portal}}';
export const STAFF_LINK = '{{staff}}';

export function resolveLinks(text: string, publicUrl: string | null): string {
  if (!publicUrl) {
    return text.replaceAll(`${PORTAL_LINK}/tra-cuu`, 'mục «Tra cứu hồ sơ» trên Cổng tiếp nhận trực tuyến').replaceAll(PORTAL_LINK, '').replaceAll(STAFF_LINK, '/app/');
  }
  return text.replaceAll(PORTAL_LINK, publicUrl).replaceAll(STAFF_LINK, `${publicUrl}/app/`);
}
