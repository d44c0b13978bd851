export const QUEUES_PATH = '/werkbakjes';
export const KPIS_PATH = '/cijfers';
export const queuePath = (id: string) => `${QUEUES_PATH}/${encodeURIComponent(id)}`;
