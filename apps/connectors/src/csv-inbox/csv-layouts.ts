import type { SignalInit } from '@signaalhub/contracts';
import { SECTORS, SIGNAL_KINDS, sectorToProto, signalKindToProto, type Sector } from '@signaalhub/domain';
import { parseAmount, parseDate, parseFlag, parseWholeNumber, type Cell } from './csv-values.js';

/**
 * The column layouts a creditor may drop, recognised by the header row (README "CSV batch ingress").
 * Each column maps to one field of the contract's Signal; a layout names the columns a file must have
 * and the ones it may have. Unknown columns refuse the file: a misspelt header would otherwise drop a
 * field silently (an attestation read as "no", say).
 */
export interface CsvLayout {
  readonly name: string;
  readonly columns: readonly CsvColumn[];
  /** Fields the layout fixes rather than reads (the ERP export is rent arrears by definition). */
  readonly constants?: Partial<SignalInit>;
  /** Builds the creditor's reference when the layout has no column for it; must be stable per row. */
  readonly reference?: (signal: SignalInit) => string;
}

export interface CsvColumn {
  readonly header: string;
  /** The Signal field it fills, for reports: "surname (Achternaam): missing". */
  readonly field: keyof SignalInit;
  readonly required: boolean;
  readonly read: (raw: string, header: string) => Cell<unknown>;
}

const text = (raw: string): Cell<string> => ({ ok: true, value: raw.trim() });

function enumCell<T extends string>(values: readonly T[], toProto: (v: T) => number, aliases: Record<string, T> = {}) {
  return (raw: string, header: string): Cell<number> => {
    const value = raw.trim();
    const name =
      aliases[value.toLowerCase()] ?? (values.includes(value.toUpperCase() as T) ? (value.toUpperCase() as T) : null);
    return name === null
      ? { ok: false, problem: `${header}: not one of the allowed values` }
      : { ok: true, value: toProto(name) };
  };
}

const column = (header: string, field: keyof SignalInit, read: CsvColumn['read'], required = false): CsvColumn => ({
  header,
  field,
  read,
  required,
});

/** English headers named after the contract's Signal fields; any sector. Amounts in euros. */
export const GENERIC_LAYOUT: CsvLayout = {
  name: 'generic',
  columns: [
    column('creditorSignalRef', 'creditorSignalRef', text, true),
    column('kind', 'kind', enumCell(SIGNAL_KINDS, signalKindToProto), true),
    column(
      'sector',
      'sector',
      enumCell(SECTORS, (s: Sector) => sectorToProto(s)),
      true,
    ),
    column('signalDate', 'signalDate', parseDate, true),
    column('initials', 'initials', text),
    column('firstNames', 'firstNames', text),
    column('surnamePrefix', 'surnamePrefix', text),
    column('surname', 'surname', text, true),
    column('birthDate', 'birthDate', parseDate),
    column('phone', 'phone', text),
    column('email', 'email', text),
    column('postcode', 'postcode', text, true),
    column('houseNumber', 'houseNumber', parseWholeNumber, true),
    column('houseLetter', 'houseLetter', text),
    column('houseNumberAddition', 'houseNumberAddition', text),
    column('street', 'street', text),
    column('place', 'place', text),
    column('amount', 'amountCents', parseAmount, true),
    column('arrearsSince', 'arrearsSince', parseDate, true),
    column('customerNumber', 'customerNumber', text),
    column('supplyEndDate', 'supplyEndDate', parseDate),
    column('personalContactAttempted', 'personalContactAttempted', parseFlag, true),
    column('referredToDebtHelp', 'referredToDebtHelp', parseFlag, true),
    column('reminderSentOn', 'reminderSentOn', parseDate, true),
    column('objectionOffered', 'objectionOffered', parseFlag, true),
    column('objectionReceived', 'objectionReceived', parseFlag),
    column('crisis', 'crisis', parseFlag),
    column('warmHandover', 'warmHandover', parseFlag),
  ],
};

/**
 * A housing corporation's ERP export (huurachterstanden), Dutch headers. Always sector HUUR; the
 * reference is the `Dossiernummer` when the export has one, else the tenant number with the start
 * of the arrears, which stays the same for every later export of the same arrears.
 */
export const HOUSING_ERP_LAYOUT: CsvLayout = {
  name: 'woningcorporatie-erp',
  constants: { sector: sectorToProto('HUUR') },
  // Empty when either part is: the domain's validation then reports the reference as missing.
  reference: (s) => (s.customerNumber && s.arrearsSince ? `${s.customerNumber}-${s.arrearsSince}` : ''),
  columns: [
    column('Huurdernummer', 'customerNumber', text, true),
    column('Achternaam', 'surname', text, true),
    column('Tussenvoegsel', 'surnamePrefix', text),
    column('Voorletters', 'initials', text),
    column('Voornamen', 'firstNames', text),
    column('Geboortedatum', 'birthDate', parseDate),
    column('Straat', 'street', text),
    column('Postcode', 'postcode', text, true),
    column('Huisnummer', 'houseNumber', parseWholeNumber, true),
    column('Huisletter', 'houseLetter', text),
    column('Toevoeging', 'houseNumberAddition', text),
    column('Woonplaats', 'place', text),
    column('Telefoon', 'phone', text),
    column('E-mail', 'email', text),
    column('Achterstand', 'amountCents', parseAmount, true),
    column('Achterstand sinds', 'arrearsSince', parseDate, true),
    column('Aanmaning verstuurd op', 'reminderSentOn', parseDate, true),
    column('Meldingsdatum', 'signalDate', parseDate, true),
    column(
      'Soort melding',
      'kind',
      enumCell(SIGNAL_KINDS, signalKindToProto, {
        '': 'NEW',
        nieuw: 'NEW',
        wijziging: 'UPDATE',
        intrekking: 'WITHDRAWN',
      }),
    ),
    column('Persoonlijk contact gezocht', 'personalContactAttempted', parseFlag, true),
    column('Schuldhulp aangeboden', 'referredToDebtHelp', parseFlag, true),
    column('Bezwaar mogelijk', 'objectionOffered', parseFlag, true),
    column('Bezwaar ontvangen', 'objectionReceived', parseFlag),
    column('Crisis', 'crisis', parseFlag),
    column('Warme overdracht', 'warmHandover', parseFlag),
    column('Dossiernummer', 'creditorSignalRef', text),
  ],
};

export const CSV_LAYOUTS: readonly CsvLayout[] = [GENERIC_LAYOUT, HOUSING_ERP_LAYOUT];

/** The layout a header row names, or a reason it names none; header cells are matched exactly, trimmed. */
export function detectLayout(header: readonly string[]): { layout: CsvLayout } | { problem: string } {
  const names = header.map((h) => h.trim());
  const layout = CSV_LAYOUTS.find((l) => names.includes(l.columns[0].header));
  if (!layout) {
    return {
      problem: `header row names no known layout (expected a column ${CSV_LAYOUTS.map((l) => l.columns[0].header).join(' or ')})`,
    };
  }
  const known = new Set(layout.columns.map((c) => c.header));
  const unknown = names.filter((n) => !known.has(n));
  const missing = layout.columns.filter((c) => c.required && !names.includes(c.header)).map((c) => c.header);
  const duplicate = names.filter((n, i) => names.indexOf(n) !== i);
  const problems = [
    unknown.length > 0 ? `unknown columns: ${unknown.join(', ')}` : '',
    missing.length > 0 ? `missing columns: ${missing.join(', ')}` : '',
    duplicate.length > 0 ? `duplicate columns: ${[...new Set(duplicate)].join(', ')}` : '',
  ].filter(Boolean);
  return problems.length > 0 ? { problem: `${layout.name} layout: ${problems.join('; ')}` } : { layout };
}

/** A data row mapped to a Signal, or the problems of its cells (column names only, never values). */
export function mapRow(
  layout: CsvLayout,
  header: readonly string[],
  cells: readonly string[],
): { ok: true; signal: SignalInit } | { ok: false; problems: string[] } {
  if (cells.length !== header.length) {
    return { ok: false, problems: [`row has ${cells.length} cells, the header ${header.length}`] };
  }
  const signal: Record<string, unknown> = { kind: signalKindToProto('NEW'), ...layout.constants };
  const problems: string[] = [];
  header.forEach((name, i) => {
    const col = layout.columns.find((c) => c.header === name.trim());
    if (!col) return;
    const cell = col.read(cells[i], col.header);
    if (cell.ok) signal[col.field] = cell.value;
    else problems.push(cell.problem);
  });
  if (problems.length > 0) return { ok: false, problems };
  const init = signal as SignalInit;
  if (!init.creditorSignalRef && layout.reference) init.creditorSignalRef = layout.reference(init);
  return { ok: true, signal: init };
}
