/**
 * What the demo city is made of: Lanzhou's districts and counties with real street, town and
 * school names (companies and communities are plausible, not real records).
 */

export interface DistrictPlan {
  code: string;
  /** Tenant name, e.g. 城关区团委 */
  tenantName: string;
  /** Place prefix used in organisation names, e.g. 城关区 */
  area: string;
  /** Name of the root organisation; null = several roots (市直). */
  rootName: string | null;
  rootKind: 'league_committee' | 'working_committee';
  roads: readonly string[];
  streets: readonly string[];
  towns: readonly string[];
  highSchools: readonly string[];
  middleSchools: readonly string[];
  vocationalSchools: readonly string[];
  universities: readonly string[];
  stateEnterprises: readonly string[];
  nonPublic: readonly string[];
  internet: readonly string[];
  socialOrgs: readonly string[];
  institutions: readonly string[];
}

export const CITY = { code: 'lanzhou', name: '兰州市团委' } as const;

export const DISTRICT_PLANS: readonly DistrictPlan[] = [
  {
    code: 'chengguan',
    tenantName: '城关区团委',
    area: '城关区',
    rootName: '城关区团委',
    rootKind: 'league_committee',
    roads: ['张掖路', '庆阳路', '东岗西路', '天水南路', '南滨河东路', '雁滩路', '白银路', '皋兰路'],
    streets: ['张掖路街道', '酒泉路街道', '皋兰路街道', '东岗西路街道', '雁南街道', '拱星墩街道'],
    towns: [],
    highSchools: ['兰州市第三十三中学', '兰州市第二中学', '兰州市第二十七中学'],
    middleSchools: ['兰州市第五十六中学', '兰州市第十九中学'],
    vocationalSchools: ['兰州市城关区职业教育中心'],
    universities: ['兰州城市学院'],
    stateEnterprises: ['兰州城关物业服务集团有限公司', '兰州市城关区国有资产投资经营有限公司'],
    nonPublic: ['甘肃金城商贸有限公司', '兰州黄河之滨餐饮管理有限公司', '兰州雁滩建材市场经营有限公司'],
    internet: ['甘肃丝路云数据科技有限公司', '兰州陇上优选电子商务有限公司'],
    socialOrgs: ['城关区青年志愿者协会', '城关区青少年社会工作服务中心'],
    institutions: ['城关区教育局', '城关区卫生健康局', '城关区人民法院'],
  },
  {
    code: 'qilihe',
    tenantName: '七里河区团委',
    area: '七里河区',
    rootName: '七里河区团委',
    rootKind: 'league_committee',
    roads: ['西津西路', '建兰路', '敦煌路', '西站西路', '秀川路', '晏家坪路'],
    streets: ['西园街道', '西湖街道', '建兰路街道', '敦煌路街道', '秀川街道'],
    towns: ['阿干镇', '八里镇', '魏岭乡'],
    highSchools: ['兰州市第十一中学', '兰州市第三十一中学'],
    middleSchools: ['兰州市第四十六中学', '兰州市七里河区实验中学'],
    vocationalSchools: ['兰州市七里河区职业技术学校'],
    universities: ['兰州理工大学'],
    stateEnterprises: ['中车兰州机车有限公司', '兰州七里河城市建设投资有限公司'],
    nonPublic: ['兰州安宁物流配送有限公司', '甘肃黄河百合食品有限公司', '兰州西站汽车服务有限公司'],
    internet: ['兰州云帆网络科技有限公司'],
    socialOrgs: ['七里河区青年志愿者协会'],
    institutions: ['七里河区教育局', '七里河区市场监督管理局'],
  },
  {
    code: 'xigu',
    tenantName: '西固区团委',
    area: '西固区',
    rootName: '西固区团委',
    rootKind: 'league_committee',
    roads: ['福利路', '合水路', '玉门街', '公园路', '寺儿沟路'],
    streets: ['西固城街道', '先锋路街道', '福利路街道', '四季青街道', '陈坪街道'],
    towns: ['东川镇', '河口镇', '达川镇'],
    highSchools: ['兰州市第二十八中学', '兰州市西固区第一中学'],
    middleSchools: ['兰州市第四十四中学', '兰州市西固区福利路学校'],
    vocationalSchools: ['兰州石化技工学校'],
    universities: [],
    stateEnterprises: ['中国石油兰州石化公司炼油厂', '中国石油兰州石化公司化肥厂', '兰州西固热电有限责任公司'],
    nonPublic: ['兰州西固精细化工有限公司', '甘肃河口古镇文化旅游有限公司'],
    internet: [],
    socialOrgs: ['西固区青年志愿者协会'],
    institutions: ['西固区教育局', '西固区人民医院'],
  },
  {
    code: 'anning',
    tenantName: '安宁区团委',
    area: '安宁区',
    rootName: '安宁区团委',
    rootKind: 'league_committee',
    roads: ['安宁西路', '北滨河西路', '银滩路', '万新路', '桃林路'],
    streets: ['培黎街道', '西路街道', '十里店街道', '孔家崖街道', '银滩路街道', '刘家堡街道'],
    towns: [],
    highSchools: ['兰州市第三十六中学', '兰州市安宁区第一中学'],
    middleSchools: ['兰州市第五十七中学', '兰州市安宁区桃林中学'],
    vocationalSchools: ['兰州市安宁区职业教育中心'],
    universities: ['兰州交通大学', '甘肃农业大学', '甘肃政法大学'],
    stateEnterprises: ['兰州安宁城市发展集团有限公司'],
    nonPublic: ['兰州仁寿山旅游开发有限公司', '甘肃桃海物流有限公司', '兰州万新印务有限公司'],
    internet: ['兰州数智未来软件有限公司', '甘肃陇原在线网络科技有限公司'],
    socialOrgs: ['安宁区大学生志愿服务联合会'],
    institutions: ['安宁区教育局', '安宁区卫生健康局'],
  },
  {
    code: 'honggu',
    tenantName: '红古区团委',
    area: '红古区',
    rootName: '红古区团委',
    rootKind: 'league_committee',
    roads: ['海石湾大道', '平安路', '窑街路'],
    streets: ['华龙街道', '窑街街道', '矿区街道'],
    towns: ['海石湾镇', '花庄镇', '平安镇', '红古镇'],
    highSchools: ['兰州市红古区第一中学'],
    middleSchools: ['兰州市红古区海石湾中学', '兰州市红古区窑街中学'],
    vocationalSchools: ['兰州市红古区职业中等专业学校'],
    universities: [],
    stateEnterprises: ['窑街煤电集团有限公司', '兰州红古供电有限公司'],
    nonPublic: ['兰州红古陶瓷制品有限公司', '甘肃平安农产品有限公司'],
    internet: [],
    socialOrgs: ['红古区青年志愿者协会'],
    institutions: ['红古区教育局', '红古区人民医院'],
  },
  {
    code: 'yongdeng',
    tenantName: '永登县团委',
    area: '永登县',
    rootName: '永登县团委',
    rootKind: 'league_committee',
    roads: ['城关镇东街', '迎宾大道', '建设路'],
    streets: [],
    towns: ['城关镇', '红城镇', '中堡镇', '连城镇', '苦水镇', '河桥镇'],
    highSchools: ['永登县第一中学', '永登县第二中学'],
    middleSchools: ['永登县城关中学', '永登县红城中学'],
    vocationalSchools: ['永登县职业中等专业学校'],
    universities: [],
    stateEnterprises: ['甘肃祁连山水泥集团永登分公司'],
    nonPublic: ['永登苦水玫瑰产业有限公司', '永登县连城农业发展有限公司'],
    internet: [],
    socialOrgs: ['永登县青年志愿者协会'],
    institutions: ['永登县教育局', '永登县人民医院'],
  },
  {
    code: 'gaolan',
    tenantName: '皋兰县团委',
    area: '皋兰县',
    rootName: '皋兰县团委',
    rootKind: 'league_committee',
    roads: ['兰秀路', '石洞大道', '什川路'],
    streets: [],
    towns: ['石洞镇', '忠和镇', '什川镇', '九合镇', '水阜镇', '黑石镇'],
    highSchools: ['皋兰县第一中学'],
    middleSchools: ['皋兰县第二中学', '皋兰县石洞中学'],
    vocationalSchools: ['皋兰县职业教育中心'],
    universities: [],
    stateEnterprises: ['皋兰县城市建设投资有限公司'],
    nonPublic: ['皋兰什川梨园农业有限公司', '甘肃忠和新型建材有限公司'],
    internet: [],
    socialOrgs: ['皋兰县青年志愿者协会'],
    institutions: ['皋兰县教育局', '皋兰县卫生健康局'],
  },
  {
    code: 'yuzhong',
    tenantName: '榆中县团委',
    area: '榆中县',
    rootName: '榆中县团委',
    rootKind: 'league_committee',
    roads: ['栖云路', '兴隆路', '环城路'],
    streets: [],
    towns: ['城关镇', '夏官营镇', '和平镇', '金崖镇', '青城镇', '定远镇'],
    highSchools: ['榆中县第一中学', '榆中县恩玲中学'],
    middleSchools: ['榆中县第三中学', '榆中县和平中学'],
    vocationalSchools: ['榆中县职业教育中心'],
    universities: [],
    stateEnterprises: ['榆中县城市发展投资有限公司'],
    nonPublic: ['榆中高原夏菜产销有限公司', '兰州青城古镇旅游开发有限公司'],
    internet: ['榆中县农村电商服务有限公司'],
    socialOrgs: ['榆中县青年志愿者协会'],
    institutions: ['榆中县教育局', '榆中县第一人民医院'],
  },
  {
    code: 'xinqu',
    tenantName: '兰州新区团工委',
    area: '兰州新区',
    rootName: '兰州新区团工委',
    rootKind: 'working_committee',
    roads: ['黄河大道', '纬一路', '经十路', '湘江街'],
    streets: ['中川街道'],
    towns: ['秦川镇', '上川镇', '西岔镇'],
    highSchools: ['兰州新区第一高级中学'],
    middleSchools: ['兰州新区第一初级中学', '兰州新区第二初级中学'],
    vocationalSchools: ['兰州新区职业技术学校'],
    universities: ['甘肃建筑职业技术学院'],
    stateEnterprises: ['兰州新区城市发展投资集团有限公司', '兰州新区现代农业投资集团有限公司'],
    nonPublic: ['兰州新区精细化工园区综合服务有限公司', '甘肃中川航空物流有限公司', '兰州新区新能源装备有限公司'],
    internet: ['兰州新区丝路数谷科技有限公司'],
    socialOrgs: ['兰州新区青年创业者协会'],
    institutions: ['兰州新区教育和体育局', '兰州新区卫生健康委员会'],
  },
  {
    code: 'shizhi',
    tenantName: '市直团组织',
    area: '兰州市',
    rootName: null,
    rootKind: 'league_committee',
    roads: ['南昌路', '庆阳路', '平凉路', '武都路'],
    streets: [],
    towns: [],
    highSchools: ['兰州市第一中学', '兰州外国语高级中学'],
    middleSchools: [],
    vocationalSchools: ['兰州市财经学校'],
    universities: [],
    stateEnterprises: ['兰州公交集团有限公司', '兰州城市发展投资有限公司', '兰州银行股份有限公司', '兰州市轨道交通有限公司'],
    nonPublic: [],
    internet: [],
    socialOrgs: ['兰州市青年志愿者协会'],
    institutions: ['兰州市直属机关', '兰州市第一人民医院', '兰州市卫生健康委员会'],
  },
];

export const COMMITTEE_PLANS = [
  { code: 'school', name: '学校和少先队工作委员会' },
  { code: 'enterprise', name: '企业工作委员会' },
  { code: 'community', name: '社区和社会组织工作委员会' },
  { code: 'rural', name: '农业农村工作委员会' },
  { code: 'grassroots', name: '基层建设工作委员会' },
] as const;

export const COMMUNITY_STEMS = [
  '幸福', '和平', '建设', '民主', '金港', '五星', '光华', '阳光', '枣林', '雁滩', '东湖', '明珠',
  '滨河', '桃园', '文化宫', '育才', '华林', '安西', '石化', '团结', '新港城', '红星', '铁路新村',
  '兴隆', '长风', '银滩', '水车园', '丰泽', '万新', '龙泉',
] as const;

export const VILLAGE_STEMS = [
  '石洞', '魏家庄', '上泉', '下川', '东湾', '西沟', '王家庄', '李家河', '张家台', '红山', '马家坪',
  '新庄', '前进', '沙河', '黄家湾', '苏家堡', '大营', '小坪', '柳沟', '水磨', '蔡家河', '金家崖',
  '岘口', '什字', '高家庄', '赵家铺', '石门', '双湾', '杏树', '北湾',
] as const;

export const MAJORS_VOCATIONAL = ['数控技术', '护理', '电子商务', '汽车维修', '学前教育', '会计事务', '计算机应用'] as const;
export const MAJORS_UNIVERSITY = ['汉语言文学', '计算机科学与技术', '土木工程', '会计学', '交通运输', '农学', '法学', '电气工程'] as const;
export const COLLEGES = ['文学院', '信息工程学院', '土木工程学院', '经济管理学院', '机电工程学院'] as const;
export const DEPARTMENTS = ['生产运行部', '机关', '维修车间', '营销服务中心', '安全环保部', '技术中心'] as const;
