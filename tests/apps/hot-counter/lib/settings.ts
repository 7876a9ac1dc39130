export const STEP = 1;
export const UNIT = 'today';
