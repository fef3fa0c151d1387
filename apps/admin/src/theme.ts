import type { ThemeConfig } from 'antd';

/** League red as the primary colour; the rest stays antd's default. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#c8161e',
    colorLink: '#c8161e',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: '#001529', headerBg: '#ffffff', headerPadding: '0 16px' },
  },
};
