export const CASES_PATH = '/casussen';
export const MY_CASES_PATH = '/mijn-casussen';
export const casePath = (id: string) => `${CASES_PATH}/${encodeURIComponent(id)}`;
