/**
 * The record types that ship with Vigia, one JSON definition each (the same format a program
 * folder uses for its own types). Each program uses the parts it needs: a roll-up is active
 * only where the program declares its indicator.
 */
import { parseRecordType, type RecordTypeDefinition } from '../definition.schema.js';
import alternativeDevelopment from './alternative-development.json' with { type: 'json' };
import communityCoalition from './community-coalition.json' with { type: 'json' };
import eradicationOperation from './eradication-operation.json' with { type: 'json' };
import financialCase from './financial-case.json' with { type: 'json' };
import infrastructureProject from './infrastructure-project.json' with { type: 'json' };
import seizure from './seizure.json' with { type: 'json' };
import trainingEvent from './training-event.json' with { type: 'json' };
import treatmentCenter from './treatment-center.json' with { type: 'json' };

const definitions: unknown[] = [
  eradicationOperation,
  seizure,
  trainingEvent,
  financialCase,
  infrastructureProject,
  communityCoalition,
  treatmentCenter,
  alternativeDevelopment,
];

/** Built-in record types by code, checked against the schema when first imported. */
export const BUILTIN_RECORD_TYPES: ReadonlyMap<string, RecordTypeDefinition> = new Map(
  definitions.map((json) => {
    const def = parseRecordType(json, 'built-in record type');
    return [def.code, def] as const;
  }),
);
