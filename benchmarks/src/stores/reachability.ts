import { isPortReachable } from '@featurescope/test-utils';

/** Throws a sentence saying how to start the service when its port does not answer within 2 s. */
export async function checkReachable(url: string, defaultPort: number, howToStart: string): Promise<void> {
  if (!(await isPortReachable(url, defaultPort))) throw new Error(`not reachable at ${url}; start ${howToStart}`);
}
