/**
 * The import boundaries are held by ESLint (eslint.config.js): each forbidden import planted in a file of the
 * guarded folder fails the lint; the same import from an allowed place passes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('domain/ may not import the server, the web app or I/O', async () => {
    expect(await restricted('domain/src/planted.ts', "import { buildApp } from '../../server/src/app.ts';\nexport const x = buildApp;\n")).toHaveLength(1);
    expect(await restricted('domain/src/clock/planted.ts', "import { sql } from 'drizzle-orm';\nexport const x = sql;\n")).toHaveLength(1);
    expect(await restricted('domain/src/planted.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toHaveLength(1);
    expect(await restricted('domain/src/planted.ts', "import { foldForSearch } from './text.ts';\nexport const x = foldForSearch;\n")).toHaveLength(0);
  });
  it('web/ may not import server code', async () => {
    expect(await restricted('web/src/planted.ts', "import type { AppContext } from '../../server/src/context.ts';\nexport type X = AppContext;\n")).toHaveLength(1);
    expect(await restricted('web/src/planted.ts', "import { foldForSearch } from '@danvan/domain/text';\nexport const x = foldForSearch;\n")).toHaveLength(0);
  });
  it('a server module may not import the app or the command line, only the context', async () => {
    expect(await restricted('server/src/modules/cases/planted.ts', "import type { AppContext } from '../../app.ts';\nexport type X = AppContext;\n")).toHaveLength(1);
    expect(await restricted('server/src/modules/cases/planted.ts', "import '../../cli.ts';\n")).toHaveLength(1);
    // Tools (server/src/tools: the generator, demo data, key tools, backup) are held to the same rule.
    expect(await restricted('server/src/tools/demo/planted.ts', "import type { AppContext } from '../../app.ts';\nexport type X = AppContext;\n")).toHaveLength(1);
    expect(await restricted('server/src/modules/cases/planted.ts', "import type { AppContext } from '../../context.ts';\nexport type X = AppContext;\n")).toHaveLength(0);
  });
});
