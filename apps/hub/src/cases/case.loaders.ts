import DataLoader from 'dataloader';
import type { CasesService } from './cases.service.js';
import type { HouseholdType, SignalType } from './dto/case.types.js';

/** Made per request in the GraphQL context, so a page of cases costs one query per relation. */
export interface CaseLoaders {
  household: DataLoader<string, HouseholdType | null>;
  signals: DataLoader<string, SignalType[]>;
}

export function createCaseLoaders(cases: CasesService): CaseLoaders {
  return {
    household: new DataLoader(async (ids) => {
      const found = await cases.householdsByIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    signals: new DataLoader(async (ids) => {
      const found = await cases.signalsByCaseIds(ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
  };
}
