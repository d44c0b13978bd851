import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A vroegsignaal as stored: only the fields the hub keeps, never the BSN (not needed to route). */
@Entity('signal')
export class SignalEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'creditor_id', type: 'text' }) creditorId!: string;
  @Column({ name: 'creditor_signal_ref', type: 'text' }) creditorSignalRef!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) sector!: string;
  @Column({ name: 'signal_date', type: 'date' }) signalDate!: string;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text' }) routing!: string;
  @Column({ name: 'routing_reason', type: 'text', nullable: true }) routingReason!: string | null;
  @Column({ type: 'char', length: 6, nullable: true }) municipality!: string | null;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId!: string | null;
  @Column({ name: 'household_key', type: 'text' }) householdKey!: string;
  @Column({ type: 'text', nullable: true }) initials!: string | null;
  @Column({ name: 'first_names', type: 'text', nullable: true }) firstNames!: string | null;
  @Column({ name: 'surname_prefix', type: 'text', nullable: true }) surnamePrefix!: string | null;
  @Column({ type: 'text' }) surname!: string;
  @Column({ name: 'birth_date', type: 'date', nullable: true }) birthDate!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'char', length: 6 }) postcode!: string;
  @Column({ name: 'house_number', type: 'integer' }) houseNumber!: number;
  @Column({ name: 'house_letter', type: 'text', nullable: true }) houseLetter!: string | null;
  @Column({ name: 'house_number_addition', type: 'text', nullable: true }) houseNumberAddition!: string | null;
  @Column({ type: 'text', nullable: true }) street!: string | null;
  @Column({ type: 'text', nullable: true }) place!: string | null;
  @Column({ name: 'amount_cents', type: 'bigint' }) amountCents!: string;
  @Column({ name: 'arrears_since', type: 'date' }) arrearsSince!: string;
  @Column({ name: 'customer_number', type: 'text', nullable: true }) customerNumber!: string | null;
  @Column({ name: 'supply_end_date', type: 'date', nullable: true }) supplyEndDate!: string | null;
  @Column({ name: 'crisis', type: 'boolean' }) crisis!: boolean;
  @Column({ name: 'warm_handover', type: 'boolean' }) warmHandover!: boolean;
  /** The convenant rules' outcome, the reason code, and the rule (id, version) that decided. */
  @Column({ type: 'text' }) decision!: string;
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason!: string | null;
  @Column({ name: 'rule_id', type: 'text', nullable: true }) ruleId!: string | null;
  @Column({ name: 'rule_version', type: 'text', nullable: true }) ruleVersion!: string | null;
  /** The creditor key that signed it. */
  @Column({ name: 'key_id', type: 'text', nullable: true }) keyId!: string | null;
}
