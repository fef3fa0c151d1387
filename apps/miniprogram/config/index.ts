import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { IMiniAppConfig } from '@tarojs/taro/types/compile';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Taro build configuration (webpack5 runner) for both targets:
 * - `taro build --type weapp` → dist-weapp/ (open this folder's project.config.json in WeChat DevTools)
 * - `taro build --type h5`    → dist-h5/    (served by apps/api under /h5/, hash router)
 *
 * Build-time settings (read here, at build time only):
 * - API_BASE_URL — origin of apps/api for the weapp build (default http://127.0.0.1:3000).
 *   The H5 build always calls the same origin at /trpc.
 */
const API_BASE_URL = (process.env.API_BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const isH5 = process.env.TARO_ENV === 'h5';

type WebpackChain = Parameters<NonNullable<IMiniAppConfig['webpackChain']>>[0];

/** Workspace TypeScript packages bundled from source (they have no build step). */
const workspaceSources = [path.resolve(__dirname, '../../../packages/domain/src')];

/**
 * Sources Babel must compile besides src/: the workspace packages (TypeScript), and
 * @tanstack/* and @trpc/* which ship ES2022 (class private fields, `?.`) that older
 * WeChat clients cannot parse.
 */
const compileInclude = [
  ...workspaceSources,
  (filename: string) => /[\\/]node_modules[\\/]@(?:tanstack|trpc)[\\/]/.test(filename),
];

/**
 * @tuanjian/domain is pure (no import-time effects that matter here) but does not say so in its
 * package.json; flagging it lets webpack drop the modules we do not use (zod schemas, rules, dates),
 * which otherwise end up in every page chunk.
 */
function markWorkspaceSideEffectFree(chain: WebpackChain) {
  chain.module
    .rule('workspace-side-effect-free')
    .include.merge(workspaceSources)
    .end()
    .set('sideEffects', false);
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'tuanjian-miniprogram',
    date: '2026-1-1',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist-weapp',
    plugins: [],
    defineConstants: {
      API_BASE_URL: JSON.stringify(API_BASE_URL),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Taro's H5 terser defaults to quote_keys, which turns class private fields (#x) into the
    // syntax error #"x" (a blank page). Keep keys as written.
    terser: { enable: true, config: { output: { quote_keys: false } } },
    mini: {
      compile: { include: compileInclude },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        markWorkspaceSideEffectFree(chain);
        // Globals that @trpc/client touches and the mini-program runtime lacks.
        const polyfills = path.resolve(__dirname, '../src/lib/mini-polyfills.ts');
        chain.plugin('providerPlugin').tap((args: Record<string, unknown>[]) => [
          {
            ...args[0],
            AbortController: [polyfills, 'AbortController'],
            FormData: [polyfills, 'FormData'],
            Blob: [polyfills, 'Blob'],
          },
        ]);
      },
    },
    h5: {
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: compileInclude },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        markWorkspaceSideEffectFree(chain);
        // Taro splits only initial chunks on H5; page chunks would each carry their own copy of the
        // Taro components they use. Share modules between page chunks too.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
