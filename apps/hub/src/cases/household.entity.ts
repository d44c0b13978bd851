import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A household is one address in one municipality (DOMAIN.md "huishouden"). */
@Entity('household')
export class HouseholdEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'char', length: 6 }) municipality!: string;
  @Column({ name: 'household_key', type: 'text' }) householdKey!: string;
  @Column({ type: 'char', length: 6 }) postcode!: string;
  @Column({ name: 'house_number', type: 'integer' }) houseNumber!: number;
  @Column({ name: 'house_letter', type: 'text', nullable: true }) houseLetter!: string | null;
  @Column({ name: 'house_number_addition', type: 'text', nullable: true }) houseNumberAddition!: string | null;
  @Column({ type: 'text', nullable: true }) street!: string | null;
  @Column({ type: 'text', nullable: true }) place!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
