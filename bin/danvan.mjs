#!/usr/bin/env node
// DânVận command line. The TypeScript sources run through tsx (see docs/adr/0002-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli.ts');
