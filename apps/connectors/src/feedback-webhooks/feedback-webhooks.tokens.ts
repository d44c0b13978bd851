/** The webhook dispatcher's journal (a {@link DeliveryJournal}), closed at shutdown. */
export const DELIVERY_JOURNAL = Symbol('DELIVERY_JOURNAL');
