export * from './archive';
export * from './dates';
export * from './development';
export * from './enums';
export * from './member-number';
export * from './rules';
export * from './schemas';
export * from './transfer';
