/**
 * A minimal ustar writer and reader (regular files only), for the backup file: `tar tzf backup.tar.gz` lists it.
 * Names up to 255 bytes (prefix + name); contents in memory (a backup is the size of the data dir).
 */
const BLOCK = 512;

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  const bytes = Buffer.from(name, 'utf8');
  let prefix = Buffer.alloc(0);
  let base = bytes;
  if (bytes.length > 100) {
    const cut = name.lastIndexOf('/', name.length - 1);
    prefix = Buffer.from(name.slice(0, cut), 'utf8');
    base = Buffer.from(name.slice(cut + 1), 'utf8');
    if (cut < 0 || prefix.length > 155 || base.length > 100) throw new Error(`tên tệp quá dài cho tar: ${name}`);
  }
  base.copy(h, 0);
  h.write(octal(0o600, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  prefix.copy(h, 345);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

export function tarPack(files: { name: string; data: Buffer }[], mtime = new Date()): Buffer {
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(header(f.name, f.data.length, mtime), f.data);
    const pad = (BLOCK - (f.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}

export function tarUnpack(tar: Buffer): { name: string; data: Buffer }[] {
  const out: { name: string; data: Buffer }[] = [];
  let off = 0;
  while (off + BLOCK <= tar.length) {
    const h = tar.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) break;
    const str = (a: number, n: number) => h.subarray(a, a + n).toString('utf8').replace(/\0.*$/s, '');
    const stored = Number.parseInt(str(148, 8).trim(), 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (sum !== stored) throw new Error('tệp tar hỏng (tổng kiểm tra sai)');
    const size = Number.parseInt(str(124, 12).trim() || '0', 8);
    const prefix = str(345, 155);
    const name = prefix ? `${prefix}/${str(0, 100)}` : str(0, 100);
    const type = str(156, 1);
    off += BLOCK;
    if (off + size > tar.length) throw new Error('tệp tar bị cắt');
    if (type === '0' || type === '') out.push({ name, data: Buffer.from(tar.subarray(off, off + size)) });
    off += Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}
