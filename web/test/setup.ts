/**
 * Component tests run in happy-dom: what antd needs from a browser that happy-dom lacks, and a clean DOM after each
 * test. The network is the test's to answer (see `answerApi` in each test): a component test exercises the component
 * and the request it sends, the server's own tests cover the answer.
 */
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
window.scrollTo = () => undefined;

afterEach(() => cleanup());
