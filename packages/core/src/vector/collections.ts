import { InvalidOptionError } from '../errors.js';
import { UnknownCollectionError } from '../errors.js';
import type { VectorCollectionSpec } from '../store/types.js';

/** Validates collection declarations once, at store construction, and answers dimension look-ups. */
export class VectorCollections {
  readonly #dimensions = new Map<string, number>();

  constructor(specs: readonly VectorCollectionSpec[] = []) {
    for (const spec of specs) {
      if (typeof spec?.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(spec.name)) {
        throw new InvalidOptionError('collections', `Vector collection name ${JSON.stringify(spec?.name)} must match /^[A-Za-z_][A-Za-z0-9_]{0,62}$/`);
      }
      if (!Number.isInteger(spec.dimension) || spec.dimension < 1 || spec.dimension > 16_000) {
        throw new InvalidOptionError('collections', `Vector collection "${spec.name}": dimension must be an integer from 1 to 16000, got ${String(spec.dimension)}`);
      }
      if (this.#dimensions.has(spec.name)) throw new InvalidOptionError('collections', `Vector collection "${spec.name}" is declared twice`);
      this.#dimensions.set(spec.name, spec.dimension);
    }
  }

  /** The declared dimension; throws {@link UnknownCollectionError} for an undeclared collection. */
  dimensionOf(collection: string): number {
    const dimension = this.#dimensions.get(collection);
    if (dimension === undefined) throw new UnknownCollectionError(collection);
    return dimension;
  }

  list(): VectorCollectionSpec[] {
    return [...this.#dimensions].map(([name, dimension]) => ({ name, dimension }));
  }
}
