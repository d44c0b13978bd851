import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A vroegsignaalzaak: the signals of one household in one municipality, worked as one case. */
@Entity('signal_case')
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'char', length: 6 }) municipality!: string;
  @Column({ name: 'household_id', type: 'uuid' }) householdId!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'creditor_count', type: 'integer' }) creditorCount!: number;
  @Column({ name: 'signal_count', type: 'integer' }) signalCount!: number;
  @Column({ name: 'total_amount_cents', type: 'bigint' }) totalAmountCents!: string;
  @Column({ type: 'text', array: true }) sectors!: string[];
  @Column({ name: 'first_signal_date', type: 'date', nullable: true }) firstSignalDate!: string | null;
  @Column({ name: 'last_signal_date', type: 'date', nullable: true }) lastSignalDate!: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'picked_up_at', type: 'timestamptz', nullable: true }) pickedUpAt!: Date | null;
  /** DDAS eindresultaat (code name); set exactly when the case is closed. */
  @Column({ type: 'text', nullable: true }) result!: string | null;
}
