export * from './meetings';
export * from './wall-charts';
