import type { UserConfigExport } from '@tarojs/cli';

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    // `pnpm dev:h5` — proxy the API so the H5 dev build can use the same-origin /trpc path.
    devServer: {
      proxy: [
        {
          context: ['/trpc', '/api'],
          target: process.env.API_BASE_URL || 'http://127.0.0.1:3000',
          changeOrigin: true,
        },
      ],
    },
  },
} satisfies UserConfigExport<'webpack5'>;
