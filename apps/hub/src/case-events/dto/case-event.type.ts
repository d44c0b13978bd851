import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('CaseEvent', {
  description: 'A case of your municipality was created or changed; fetch the case for its details (audited)',
})
export class CaseEventType {
  @Field(() => ID) caseId!: string;
  @Field({ description: 'SIGNAL_ADDED, PICKED_UP, CONTACT_ATTEMPT_RECORDED, NOTE_ADDED, CLOSED, TRANSFERRED, …' })
  kind!: string;
  @Field(() => GraphQLISODateTime) occurredAt!: Date;
}
