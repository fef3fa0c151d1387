export default definePageConfig({
  navigationBarTitleText: '工作手册',
});
