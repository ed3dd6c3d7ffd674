/** Seal keys apart from the data (issue 13, item 9): the start-up warning, a key file outside, a protected key file. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keysProtectCommand } from '../tools/keys/cli.ts';
import { loadSealer, sealKeyWarning } from './sealer.ts';
import { loadPersonHasher, personKeyWarning } from './person-hash.ts';

const dirs = () => {
  const root = mkdtempSync(path.join(tmpdir(), 'danvan-keys-'));
  return { data: path.join(root, 'data'), outside: path.join(root, 'secrets') };
};

describe('seal keys apart from the data', () => {
  it('warns when the keys sit in the data dir, not when they come from the environment or a file outside it', () => {
    const { data, outside } = dirs();
    expect(sealKeyWarning({}, data)).toMatch(/CẢNH BÁO: khóa niêm phong nằm trong thư mục dữ liệu/);
    expect(sealKeyWarning({ DANVAN_SEAL_KEYS: `k1:${randomBytes(32).toString('base64')}` }, data)).toBeNull();
    expect(sealKeyWarning({ DANVAN_SEAL_KEY_FILE: path.join(outside, 'seal.key') }, data)).toBeNull();
    expect(sealKeyWarning({ DANVAN_SEAL_KEY_FILE: path.join(data, 'keys', 'seal.key') }, data)).not.toBeNull();
  });

  it('a passphrase-protected key file opens what the data-dir key sealed, only with the passphrase, and silences the warning', () => {
    const { data } = dirs();
    const original = loadSealer({}, data); // creates <data>/keys/seal.key
    const box = original.seal('Lò Văn Anh');
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(keysProtectCommand({}, data, path.join(data, 'x'), io)).toBe(2);
    const file = path.join(data, 'keys', 'seal.protected');
    expect(keysProtectCommand({ DANVAN_SEAL_PASSPHRASE: 'một mật khẩu đủ dài' }, data, file, io)).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(readFileSync(path.join(data, 'keys', 'seal.key'), 'utf8').split(':')[1]!.trim());
    const env = { DANVAN_SEAL_KEY_FILE: file, DANVAN_SEAL_PASSPHRASE: 'một mật khẩu đủ dài' };
    expect(loadSealer(env, data).open(box)).toBe('Lò Văn Anh');
    expect(() => loadSealer({ DANVAN_SEAL_KEY_FILE: file }, data)).toThrow(/DANVAN_SEAL_PASSPHRASE/);
    expect(() => loadSealer({ ...env, DANVAN_SEAL_PASSPHRASE: 'sai mật khẩu rồi' }, data)).toThrow(/Sai mật khẩu/);
    // Protected, it may even stay inside the data dir: a copy of the folder alone opens nothing.
    expect(sealKeyWarning(env, data)).toBeNull();
    // A plain key file outside the data dir works too.
    writeFileSync(path.join(data, '..', 'plain.key'), readFileSync(path.join(data, 'keys', 'seal.key')));
    expect(loadSealer({ DANVAN_SEAL_KEY_FILE: path.join(data, '..', 'plain.key') }, data).open(box)).toBe('Lò Văn Anh');
  });

  it('the person key too: warned about in the data dir, silent from the environment or a file outside it, which hashes as the original', () => {
    const { data, outside } = dirs();
    const person = { name: 'Lò Văn Anh', idNumber: '001190077123' };
    const original = loadPersonHasher({}, data); // creates <data>/keys/person.key
    expect(personKeyWarning({}, data)).toMatch(/CẢNH BÁO: khóa băm danh tính nằm trong thư mục dữ liệu/);
    expect(personKeyWarning({ DANVAN_PERSON_KEY: randomBytes(32).toString('base64') }, data)).toBeNull();
    mkdirSync(outside, { recursive: true });
    const file = path.join(outside, 'person.key');
    writeFileSync(file, readFileSync(path.join(data, 'keys', 'person.key')));
    expect(personKeyWarning({ DANVAN_PERSON_KEY_FILE: file }, data)).toBeNull();
    expect(personKeyWarning({ DANVAN_PERSON_KEY_FILE: path.join(data, 'keys', 'person.key') }, data)).not.toBeNull();
    expect(loadPersonHasher({ DANVAN_PERSON_KEY_FILE: file }, data).hash(person)).toBe(original.hash(person));
    expect(() => loadPersonHasher({ DANVAN_PERSON_KEY_FILE: path.join(outside, 'missing.key') }, data)).toThrow(/DANVAN_PERSON_KEY_FILE/);
  });
});
