/** A free TCP port on the loopback interface (tests start SMTP and HTTP servers on it): the one in testing/serve-process.ts. */
export { freePort } from '../../testing/serve-process.ts';
