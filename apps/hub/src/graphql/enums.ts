import { registerEnumType } from '@nestjs/graphql';
import {
  CASE_RESULTS,
  CONTACT_KINDS,
  DAY_PARTS,
  SECTORS,
  type CaseResult,
  type ContactKind,
  type DayPart,
  type Sector,
} from '@signaalhub/domain';

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

/** DDAS EnumContactsoort, by code name; each value's description is the exact Dutch DDAS value. */
export const ContactKindValue = Object.fromEntries(Object.keys(CONTACT_KINDS).map((code) => [code, code])) as {
  [K in ContactKind]: K;
};
export type ContactKindValue = ContactKind;
registerEnumType(ContactKindValue, {
  name: 'ContactKind',
  description: 'Soort contactpoging (DDAS v1.2 EnumContactsoort)',
  valuesMap: Object.fromEntries(
    Object.entries(CONTACT_KINDS).map(([code, label]) => [code, { description: label }]),
  ) as Record<ContactKind, { description: string }>,
});

/** DDAS EnumDagdeel, by code name, on the Dutch clock. */
export const DayPartValue = Object.fromEntries(Object.keys(DAY_PARTS).map((code) => [code, code])) as {
  [K in DayPart]: K;
};
export type DayPartValue = DayPart;
registerEnumType(DayPartValue, {
  name: 'DayPart',
  description: 'Dagdeel of a contact attempt (DDAS v1.2 EnumDagdeel): before 12:00, 12:00–18:00, from 18:00',
  valuesMap: Object.fromEntries(
    Object.entries(DAY_PARTS).map(([code, label]) => [code, { description: label }]),
  ) as Record<DayPart, { description: string }>,
});
