/** Staff roles (SPEC §1). Each is granted on an agency subtree. */
export const ROLES = ['receptionist', 'handler', 'investigator', 'head', 'inspector', 'monitor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS_VI: Record<Role, string> = {
  receptionist: 'Cán bộ tiếp công dân',
  handler: 'Chuyên viên xử lý đơn',
  investigator: 'Người xác minh',
  head: 'Thủ trưởng',
  inspector: 'Thanh tra',
  monitor: 'Giám sát (Ban Dân vận, Mặt trận)',
  admin: 'Quản trị',
};

/** "VN/01/00004" lies within "VN/01" and within itself. */
export function pathWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}
