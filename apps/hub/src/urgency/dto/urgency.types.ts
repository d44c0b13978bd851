import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('UrgencyFactor', { description: 'One factor of the urgency model: what was measured and its points' })
export class UrgencyFactorType {
  @Field() name!: string;
  @Field(() => Float, { description: "The measurement, in the factor's unit (creditors, €200 steps, days, 0/1)" })
  value!: number;
  @Field(() => Int) points!: number;
}

@ObjectType('Urgency', { description: 'Why a case ranks where it does: the score under a versioned model' })
export class UrgencyType {
  @Field(() => Int) score!: number;
  @Field({ description: 'Version of the urgency model (URGENCY_MODEL)' }) version!: string;
  @Field(() => [UrgencyFactorType], { description: 'Every factor of the model, also those that scored 0' })
  factors!: UrgencyFactorType[];
}

@ObjectType('CaseReference', { description: 'Another case of the same household, by id' })
export class CaseReferenceType {
  @Field(() => ID) id!: string;
}
