import { registerEnumType } from '@nestjs/graphql';
import { CASE_RESULTS, SECTORS, type CaseResult, type Sector } from '@signaalhub/domain';

// GraphQL enums derived from the domain's own lists, so a value added there reaches the API without a
// hand-kept copy drifting from it.

/** DDAS EnumSignaalpartner, by code name. */
export const SectorValue = Object.fromEntries(SECTORS.map((sector) => [sector, sector])) as { [K in Sector]: K };
export type SectorValue = Sector;
registerEnumType(SectorValue, { name: 'Sector', description: 'Signaalpartner type (DDAS EnumSignaalpartner)' });

/** DDAS EnumEindresultaat, by code name; each value's description is the exact Dutch DDAS value. */
export const CaseResultValue = Object.fromEntries(Object.keys(CASE_RESULTS).map((code) => [code, code])) as {
  [K in CaseResult]: K;
};
export type CaseResultValue = CaseResult;
registerEnumType(CaseResultValue, {
  name: 'CaseResult',
  description: 'Eindresultaat of a closed case (DDAS v1.2 EnumEindresultaat)',
  valuesMap: Object.fromEntries(
    Object.entries(CASE_RESULTS).map(([code, label]) => [code, { description: label }]),
  ) as Record<CaseResult, { description: string }>,
});
