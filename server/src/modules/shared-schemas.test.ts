/**
 * `exact` (shared-schemas.ts): a response value must declare nothing its schema lacks, at any depth — fast-json-stringify
 * would drop it. The `@ts-expect-error` lines are checked by `tsc -b` (each must be a type error, or the build fails).
 */
import { Type } from 'typebox';
import { expect, it } from 'vitest';
import { DateTime, List, Nullable, exact } from './shared-schemas.ts';

const S = Type.Object({ a: Type.String(), list: List(Type.Object({ x: Type.Number() })), n: Nullable(Type.Object({ y: Type.String() })), at: DateTime });

const ok = { a: 's', list: [{ x: 1 }] as const, n: null, at: new Date(0) };
exact(S, ok);
const extraTop = { a: 's', list: [], n: null, at: 'x', b: 1 };
// @ts-expect-error b is not declared
exact(S, extraTop);
const extraDeep = { a: 's', list: [{ x: 1, z: 2 }], n: { y: 'q', w: 1 }, at: 'x' };
// @ts-expect-error z and w are not declared
exact(S, extraDeep);
const extraNullable = { a: 's', list: [], n: { y: 'q', w: 1 } as { y: string; w: number } | null, at: 'x' };
// @ts-expect-error w is not declared (inside a nullable object)
exact(S, extraNullable);
const missing = { a: 's', list: [], at: 'x' };
// @ts-expect-error n is missing
exact(S, missing);

it('exact() hands the value back unchanged (its check is the type-check)', () => {
  expect(exact(S, ok)).toBe(ok);
});
