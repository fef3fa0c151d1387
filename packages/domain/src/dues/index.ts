export * from './dues';
export * from './money';
export * from './months';
export * from './recommendation';
