import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { SectorValue } from '../../graphql/enums.js';
import { PageInfoType } from '../../graphql/page-info.js';

@ObjectType('CreditorKey', { description: 'An Ed25519 public key a creditor signs its signals with' })
export class CreditorKeyType {
  @Field({ description: 'The key id creditors put in SignalEnvelope.key_id' }) keyId!: string;
  @Field() createdAt!: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'Signals signed at or after this moment are refused; null while the key is active',
  })
  revokedAt!: Date | null;
}

@ObjectType('Agreement', {
  description: 'A signed agreement: this creditor may signal to this municipality for this sector on these days',
})
export class AgreementType {
  @Field(() => ID) id!: string;
  @Field() creditorId!: string;
  @Field({ description: 'Current GM code' }) municipality!: string;
  @Field(() => SectorValue) sector!: SectorValue;
  @Field({ description: 'First day, YYYY-MM-DD' }) validFrom!: string;
  @Field(() => String, { nullable: true, description: 'Last day (inclusive), YYYY-MM-DD; null is open-ended' })
  validTo!: string | null;
}

@ObjectType('Creditor', { description: 'A signaalpartner registered by the hub operator' })
export class CreditorType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'KvK number (8 digits)' }) kvkNumber!: string;
  @Field(() => [SectorValue]) sectors!: SectorValue[];
  @Field(() => [CreditorKeyType], { description: 'Active and revoked keys, oldest first' }) keys!: CreditorKeyType[];
  @Field(() => [AgreementType], { description: 'Agreements by municipality, sector and start' })
  agreements!: AgreementType[];
  @Field() createdAt!: Date;
}

@ObjectType('CreditorEdge')
export class CreditorEdgeType {
  @Field() cursor!: string;
  @Field(() => CreditorType) node!: CreditorType;
}

@ObjectType('CreditorConnection')
export class CreditorConnectionType {
  @Field(() => [CreditorEdgeType]) edges!: CreditorEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('Experiment', { description: 'An experiment regulation the municipality takes part in' })
export class ExperimentType {
  @Field(() => SectorValue) sector!: SectorValue;
  @Field(() => Int, { nullable: true }) minDays!: number | null;
  @Field(() => Int, { nullable: true }) minAmountCents!: number | null;
}

@ObjectType('MunicipalityPolicy', { description: 'Convenant settings of one municipality' })
export class MunicipalityPolicyType {
  @Field({ description: 'Current GM code' }) municipality!: string;
  @Field(() => Int, { description: 'Drempelbedrag: signals under this amount (cents) are not picked up' })
  minimumAmountCents!: number;
  @Field(() => Int, { description: 'Signals of one household within this many days form one case' })
  matchingPeriodDays!: number;
  @Field(() => [ExperimentType]) experiments!: ExperimentType[];
  @Field() updatedAt!: Date;
}
