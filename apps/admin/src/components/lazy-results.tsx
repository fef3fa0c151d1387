import { lazy } from 'react';

export const Forbidden = lazy(() => import('./results').then((m) => ({ default: m.Forbidden })));
export const NotFound = lazy(() => import('./results').then((m) => ({ default: m.NotFound })));
export const LoadError = lazy(() => import('./results').then((m) => ({ default: m.LoadError })));
