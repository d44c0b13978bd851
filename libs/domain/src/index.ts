export { normaliseAddition, normaliseHouseLetter, normaliseHouseNumber, normalisePostcode, pc4Of } from './address.js';
export { householdKey, type HouseholdAddress, type HouseholdKey } from './household.js';
export { pass, reject, type Passed, type Rejected, type StepResult } from './step-result.js';
export { RejectReason, SECURITY_REJECT_REASONS } from './reject-reason.js';
export {
  candidateMunicipalities,
  currentMunicipalityCode,
  normalisePlaceName,
  routeToMunicipality,
  toMunicipalityCode,
  type Pc4Municipality,
  type Routing,
  type RoutingTables,
  type UnroutedReason,
} from './routing.js';
export {
  DDAS_SIGNAALPARTNER,
  SECTORS,
  SIGNAL_KINDS,
  sectorFromProto,
  sectorToProto,
  signalKindFromProto,
  signalKindToProto,
  type Sector,
  type SignalKind,
} from './signal.js';
export {
  isCalendarDate,
  isTellableSignalRef,
  isValidBsn,
  validateSignal,
  type NormalisedSignal,
  type SignalInput,
  type TimestampLike,
  type ValidationResult,
} from './validation.js';
export * from './rules/index.js';
export * from './cases/index.js';
export * from './privacy/index.js';
export * from './ddas/index.js';
