import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

/**
 * Turns the AsyncLocalStorage context manager on for variants that trace (as a real deployment
 * would, so driver spans nest under featurescope's) and off for the others: an enabled context
 * manager costs every `await` in the process, so leaving it on would tax the raw baseline too.
 */
export function setContextPropagation(enabled: boolean): void {
  context.disable();
  if (enabled) context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}
