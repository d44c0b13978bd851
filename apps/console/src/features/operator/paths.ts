export const CREDITORS_PATH = '/schuldeisers';
export const POLICIES_PATH = '/gemeentebeleid';
export const UNROUTED_PATH = '/ongerouteerd';
