export default defineAppConfig({
  // The first page is the entry page: 首页 sends a visitor without a session to 登录.
  pages: [
    'pages/home/index',
    'pages/me/index',
    'pages/affairs/index',
    'pages/activities/index',
    'pages/login/index',
    'pages/identity/index',
    'pages/password/index',
    'pages/archive/member/index',
    'pages/development/apply/index',
    'pages/development/progress/index',
    'pages/development/review/index',
    'pages/dues/collect/index',
    'pages/dues/mine/index',
    'pages/transfer/mine/index',
    'pages/transfer/apply/index',
    'pages/transfer/incoming/index',
    'pages/lectures/list/index',
    'pages/lectures/detail/index',
    'pages/lectures/mine/index',
    'pages/meetings/list/index',
    'pages/meetings/edit/index',
    'pages/meetings/calendar/index',
  ],
  window: {
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '团建',
    navigationBarTextStyle: 'white',
    // 'default' is what weapp does anyway; on H5 it turns on Taro's title bar with a back button.
    navigationStyle: 'default',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  // 团务 and 活动 join the tab bar when they have content (UX.md: 首页 / 团务 / 活动 / 我的).
  tabBar: {
    color: '#8a8a8a',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/affairs/index',
        text: '团务',
        iconPath: 'assets/tab/affairs.png',
        selectedIconPath: 'assets/tab/affairs-active.png',
      },
      {
        pagePath: 'pages/activities/index',
        text: '活动',
        iconPath: 'assets/tab/activities.png',
        selectedIconPath: 'assets/tab/activities-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
});
