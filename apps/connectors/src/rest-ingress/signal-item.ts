import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { decodeSignal, encodeSignal, type SignalInit } from '@signaalhub/contracts';
import { sectorToProto, signalKindToProto, validateSignal } from '@signaalhub/domain';
import { SignalItemDto } from './signal-item.dto.js';

export interface FieldError {
  field: string;
  message: string;
  reason?: string;
}

export type ItemCheck =
  { ok: true; signal: SignalInit; ref: string } | { ok: false; ref?: string; errors: FieldError[] };

/**
 * Checks one batch item: first its shape (the DTO: types, formats, no unknown fields), then the hub's
 * own validation of the Signal it becomes. Never throws, whatever the item is.
 */
export function checkSignalItem(raw: unknown): ItemCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: 'item', message: 'an item must be a JSON object' }] };
  }
  const rawRef = (raw as Record<string, unknown>).creditorSignalRef;
  const ref = typeof rawRef === 'string' ? rawRef : undefined;
  const item = plainToInstance(SignalItemDto, raw);
  const problems = validateSync(item, { whitelist: true, forbidNonWhitelisted: true });
  if (problems.length > 0) return { ok: false, ref, errors: problems.map(fieldError) };
  const signal = toSignal(item);
  // Checked as the hub will see it: decoded from the very bytes that are signed.
  const checked = validateSignal(decodeSignal(encodeSignal(signal)));
  if (!checked.ok) {
    // The domain's details start with the field name ("postcode: not a Dutch postcode") and never
    // carry the value itself.
    const [field, ...rest] = checked.detail.split(': ');
    const known = rest.length > 0 && field !== undefined && /^[a-zA-Z]+$/.test(field);
    return {
      ok: false,
      ref,
      errors: [
        { field: known ? field : 'item', message: known ? rest.join(': ') : checked.detail, reason: checked.reason },
      ],
    };
  }
  return { ok: true, signal, ref: item.creditorSignalRef };
}

function fieldError(error: ValidationError): FieldError {
  return {
    field: error.property,
    message: [...new Set(Object.values(error.constraints ?? { invalid: `${error.property} is invalid` }))].join('; '),
  };
}

/**
 * The protobuf Signal of a valid item. `sentAt` stays unset on purpose: the same item must become the
 * same bytes every time it is sent (Ed25519 signatures are deterministic too), because the hub
 * recognises a resent signal by its payload.
 */
function toSignal(item: SignalItemDto): SignalInit {
  return {
    creditorSignalRef: item.creditorSignalRef,
    kind: signalKindToProto(item.kind),
    sector: sectorToProto(item.sector),
    signalDate: item.signalDate,
    initials: item.initials ?? '',
    firstNames: item.firstNames ?? '',
    surnamePrefix: item.surnamePrefix ?? '',
    surname: item.surname,
    birthDate: item.birthDate ?? '',
    phone: item.phone ?? '',
    email: item.email ?? '',
    ...(item.bsn !== undefined ? { bsn: item.bsn } : {}),
    postcode: item.postcode,
    houseNumber: item.houseNumber,
    houseLetter: item.houseLetter ?? '',
    houseNumberAddition: item.houseNumberAddition ?? '',
    street: item.street ?? '',
    place: item.place ?? '',
    amountCents: BigInt(item.amountCents),
    arrearsSince: item.arrearsSince,
    customerNumber: item.customerNumber ?? '',
    supplyEndDate: item.supplyEndDate ?? '',
    personalContactAttempted: item.personalContactAttempted ?? false,
    referredToDebtHelp: item.referredToDebtHelp ?? false,
    reminderSentOn: item.reminderSentOn ?? '',
    objectionOffered: item.objectionOffered ?? false,
    objectionReceived: item.objectionReceived ?? false,
    crisis: item.crisis ?? false,
    warmHandover: item.warmHandover ?? false,
  };
}
