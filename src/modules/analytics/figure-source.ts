/**
 * A comparison or progress figure is one number: it reads one indicator in one source. An
 * indicator with several must be given one, since sources are never added together.
 */
import { validationError } from '../../core/errors.js';
import type { AnalyticsIndicator } from './analytics.repo.js';

/** Fails with a validation error listing the sources when the indicator has several and none is given. */
export function assertOneSource(ind: AnalyticsIndicator, source: string | undefined): void {
  if (!source && ind.sources.length > 1) {
    const reason = `${ind.code} has several sources (${ind.sources.join(', ')}), which are never added together: choose one`;
    throw validationError(reason, [{ column: 'source', value: ind.sources.join(', '), reason }]);
  }
}
