import type { RegionClass } from '../solver/types.js';

/**
 * Province presets for the synthetic data generator. City coordinates are
 * approximate city centres; the class follows POLICY: national ecological
 * civilization pilot zones (Fujian, Jiangxi, Guizhou) are priority throughout,
 * key air-pollution control cities (Jing-Jin-Ji, Yangtze River Delta, Fenwei
 * Plain) are priority, everything else standard. Which cities of a province are
 * on the key-area lists has changed over the years; the split here is a
 * plausible one for sample data, not an official list.
 */
export interface CityPreset {
  /** Region id used in generated data sets (pinyin, upper case). */
  id: string;
  /** Chinese name without the 市 suffix. */
  name: string;
  lat: number;
  lon: number;
  class: RegionClass;
}

export interface ProvincePreset {
  /** Province code as used in the `province` field. */
  code: string;
  name: string;
  /** Why the classes are what they are, for docs. */
  note: string;
  cities: CityPreset[];
}

const P: RegionClass = 'priority';
const S: RegionClass = 'standard';

function city(id: string, name: string, lat: number, lon: number, cls: RegionClass): CityPreset {
  return { id, name, lat, lon, class: cls };
}

export const PROVINCES: readonly ProvincePreset[] = [
  {
    code: 'FJ',
    name: '福建省',
    note: 'national ecological civilization pilot zone: every region priority',
    cities: [
      city('FUZHOU', '福州', 26.07, 119.3, P),
      city('XIAMEN', '厦门', 24.48, 118.09, P),
      city('QUANZHOU', '泉州', 24.87, 118.68, P),
      city('ZHANGZHOU', '漳州', 24.51, 117.65, P),
      city('PUTIAN', '莆田', 25.45, 119.01, P),
      city('SANMING', '三明', 26.26, 117.64, P),
      city('NANPING', '南平', 26.64, 118.18, P),
      city('LONGYAN', '龙岩', 25.08, 117.02, P),
      city('NINGDE', '宁德', 26.66, 119.55, P),
    ],
  },
  {
    code: 'JX',
    name: '江西省',
    note: 'national ecological civilization pilot zone: every region priority',
    cities: [
      city('NANCHANG', '南昌', 28.68, 115.86, P),
      city('JIUJIANG', '九江', 29.71, 116.0, P),
      city('GANZHOU', '赣州', 25.83, 114.93, P),
      city('SHANGRAO', '上饶', 28.45, 117.94, P),
      city('JIAN', '吉安', 27.11, 114.99, P),
      city('YICHUN', '宜春', 27.81, 114.42, P),
      city('FUZHOU', '抚州', 27.95, 116.36, P),
      city('JINGDEZHEN', '景德镇', 29.27, 117.18, P),
      city('PINGXIANG', '萍乡', 27.62, 113.85, P),
      city('YINGTAN', '鹰潭', 28.26, 117.07, P),
    ],
  },
  {
    code: 'GZ',
    name: '贵州省',
    note: 'national ecological civilization pilot zone: every region priority',
    cities: [
      city('GUIYANG', '贵阳', 26.65, 106.63, P),
      city('ZUNYI', '遵义', 27.73, 106.93, P),
      city('LIUPANSHUI', '六盘水', 26.59, 104.83, P),
      city('ANSHUN', '安顺', 26.25, 105.95, P),
      city('BIJIE', '毕节', 27.3, 105.29, P),
      city('TONGREN', '铜仁', 27.72, 109.19, P),
      city('KAILI', '凯里', 26.58, 107.98, P),
      city('DUYUN', '都匀', 26.26, 107.52, P),
      city('XINGYI', '兴义', 25.09, 104.9, P),
    ],
  },
  {
    code: 'HE',
    name: '河北省',
    note: 'Jing-Jin-Ji key air-pollution control cities priority; Zhangjiakou and Chengde standard',
    cities: [
      city('SHIJIAZHUANG', '石家庄', 38.04, 114.51, P),
      city('TANGSHAN', '唐山', 39.63, 118.18, P),
      city('BAODING', '保定', 38.87, 115.46, P),
      city('LANGFANG', '廊坊', 39.52, 116.7, P),
      city('CANGZHOU', '沧州', 38.3, 116.84, P),
      city('HENGSHUI', '衡水', 37.74, 115.67, P),
      city('XINGTAI', '邢台', 37.07, 114.5, P),
      city('HANDAN', '邯郸', 36.63, 114.54, P),
      city('QINHUANGDAO', '秦皇岛', 39.94, 119.6, P),
      city('ZHANGJIAKOU', '张家口', 40.77, 114.88, S),
      city('CHENGDE', '承德', 40.95, 117.96, S),
    ],
  },
  {
    code: 'ZJ',
    name: '浙江省',
    note: 'Yangtze River Delta key cities (Hangzhou, Ningbo, Jiaxing, Huzhou, Shaoxing, Zhoushan) priority; the rest standard',
    cities: [
      city('HANGZHOU', '杭州', 30.27, 120.16, P),
      city('NINGBO', '宁波', 29.87, 121.55, P),
      city('JIAXING', '嘉兴', 30.75, 120.76, P),
      city('HUZHOU', '湖州', 30.89, 120.09, P),
      city('SHAOXING', '绍兴', 30.0, 120.58, P),
      city('ZHOUSHAN', '舟山', 30.02, 122.21, P),
      city('WENZHOU', '温州', 28.0, 120.7, S),
      city('JINHUA', '金华', 29.08, 119.65, S),
      city('QUZHOU', '衢州', 28.94, 118.87, S),
      city('TAIZHOU', '台州', 28.66, 121.42, S),
      city('LISHUI', '丽水', 28.45, 119.92, S),
    ],
  },
  {
    code: 'AH',
    name: '安徽省',
    note: 'Yangtze River Delta key cities (Hefei, Wuhu, Bengbu, Ma\'anshan) priority; southern and western cities standard',
    cities: [
      city('HEFEI', '合肥', 31.82, 117.23, P),
      city('WUHU', '芜湖', 31.35, 118.43, P),
      city('BENGBU', '蚌埠', 32.92, 117.39, P),
      city('MAANSHAN', '马鞍山', 31.67, 118.51, P),
      city('ANQING', '安庆', 30.54, 117.06, S),
      city('HUANGSHAN', '黄山', 29.71, 118.34, S),
      city('LUAN', '六安', 31.73, 116.52, S),
      city('XUANCHENG', '宣城', 30.94, 118.76, S),
      city('CHIZHOU', '池州', 30.66, 117.49, S),
    ],
  },
  {
    code: 'SX',
    name: '山西省',
    note: 'Fenwei Plain cities (Taiyuan, Jinzhong, Yuncheng, Linfen, Lüliang) priority; northern cities standard',
    cities: [
      city('TAIYUAN', '太原', 37.87, 112.55, P),
      city('JINZHONG', '晋中', 37.69, 112.75, P),
      city('YUNCHENG', '运城', 35.03, 111.0, P),
      city('LINFEN', '临汾', 36.09, 111.52, P),
      city('LVLIANG', '吕梁', 37.52, 111.14, P),
      city('DATONG', '大同', 40.08, 113.3, S),
      city('SHUOZHOU', '朔州', 39.33, 112.43, S),
      city('XINZHOU', '忻州', 38.42, 112.73, S),
    ],
  },
  {
    code: 'SN',
    name: '陕西省',
    note: "Fenwei Plain cities (Xi'an, Tongchuan, Baoji, Xianyang, Weinan) priority; the rest standard",
    cities: [
      city('XIAN', '西安', 34.34, 108.94, P),
      city('TONGCHUAN', '铜川', 34.9, 108.95, P),
      city('BAOJI', '宝鸡', 34.36, 107.24, P),
      city('XIANYANG', '咸阳', 34.33, 108.71, P),
      city('WEINAN', '渭南', 34.5, 109.51, P),
      city('YULIN', '榆林', 38.29, 109.73, S),
      city('YANAN', '延安', 36.59, 109.49, S),
      city('HANZHONG', '汉中', 33.07, 107.02, S),
      city('ANKANG', '安康', 32.68, 109.03, S),
      city('SHANGLUO', '商洛', 33.87, 109.94, S),
    ],
  },
  {
    code: 'GD',
    name: '广东省',
    note: 'neither a pilot zone nor a key air-pollution control area: every region standard',
    cities: [
      city('GUANGZHOU', '广州', 23.13, 113.26, S),
      city('SHENZHEN', '深圳', 22.54, 114.06, S),
      city('SHAOGUAN', '韶关', 24.81, 113.6, S),
      city('SHANTOU', '汕头', 23.35, 116.68, S),
      city('ZHANJIANG', '湛江', 21.27, 110.36, S),
      city('ZHAOQING', '肇庆', 23.05, 112.47, S),
      city('MEIZHOU', '梅州', 24.29, 116.12, S),
      city('QINGYUAN', '清远', 23.68, 113.06, S),
      city('HUIZHOU', '惠州', 23.11, 114.42, S),
      city('MAOMING', '茂名', 21.66, 110.93, S),
    ],
  },
  {
    code: 'SC',
    name: '四川省',
    note: 'neither a pilot zone nor a key air-pollution control area: every region standard',
    cities: [
      city('CHENGDU', '成都', 30.57, 104.07, S),
      city('MIANYANG', '绵阳', 31.47, 104.68, S),
      city('DEYANG', '德阳', 31.13, 104.4, S),
      city('YIBIN', '宜宾', 28.77, 104.63, S),
      city('NANCHONG', '南充', 30.84, 106.11, S),
      city('LESHAN', '乐山', 29.55, 103.77, S),
      city('LUZHOU', '泸州', 28.87, 105.44, S),
      city('DAZHOU', '达州', 31.21, 107.47, S),
      city('GUANGYUAN', '广元', 32.44, 105.84, S),
      city('YAAN', '雅安', 29.98, 103.01, S),
    ],
  },
];

/**
 * Presets chosen by code only (`--province SD`), never by the seed: outside
 * PROVINCES, so adding one leaves every seeded data set as it was. Shandong has
 * 16 cities, for a province-sized page (16 regions x 6 phases).
 */
export const NAMED_PROVINCES: readonly ProvincePreset[] = [
  {
    code: 'SD',
    name: '山东省',
    note: 'the Jing-Jin-Ji transmission channel cities (2+26) priority, the rest standard',
    cities: [
      city('JINAN', '济南', 36.65, 117.12, P),
      city('QINGDAO', '青岛', 36.07, 120.38, S),
      city('ZIBO', '淄博', 36.81, 118.05, P),
      city('ZAOZHUANG', '枣庄', 34.81, 117.32, S),
      city('DONGYING', '东营', 37.43, 118.67, S),
      city('YANTAI', '烟台', 37.46, 121.45, S),
      city('WEIFANG', '潍坊', 36.71, 119.16, S),
      city('JINING', '济宁', 35.41, 116.59, P),
      city('TAIAN', '泰安', 36.2, 117.09, S),
      city('WEIHAI', '威海', 37.51, 122.12, S),
      city('RIZHAO', '日照', 35.42, 119.53, S),
      city('LINYI', '临沂', 35.1, 118.36, S),
      city('DEZHOU', '德州', 37.43, 116.36, P),
      city('LIAOCHENG', '聊城', 36.46, 115.99, P),
      city('BINZHOU', '滨州', 37.38, 117.97, P),
      city('HEZE', '菏泽', 35.23, 115.48, P),
    ],
  },
];

/** National expressways (route number, short name) used as corridor ids. */
export const NATIONAL_ROUTES: readonly (readonly [string, string])[] = [
  ['G1', '京哈'], ['G2', '京沪'], ['G3', '京台'], ['G4', '京港澳'], ['G5', '京昆'],
  ['G6', '京藏'], ['G7', '京新'], ['G10', '绥满'], ['G11', '鹤大'], ['G12', '珲乌'],
  ['G15', '沈海'], ['G16', '丹锡'], ['G18', '荣乌'], ['G20', '青银'], ['G22', '青兰'],
  ['G25', '长深'], ['G30', '连霍'], ['G35', '济广'], ['G36', '宁洛'], ['G40', '沪陕'],
  ['G42', '沪蓉'], ['G45', '大广'], ['G50', '沪渝'], ['G55', '二广'], ['G56', '杭瑞'],
  ['G60', '沪昆'], ['G65', '包茂'], ['G70', '福银'], ['G72', '泉南'], ['G75', '兰海'],
  ['G76', '厦蓉'], ['G78', '汕昆'], ['G80', '广昆'], ['G85', '银昆'],
];

/** First characters of synthetic place names (service areas are named after a nearby place). */
export const PLACE_HEADS = [
  '青', '云', '石', '龙', '凤', '安', '平', '新', '长', '白', '金', '清', '桃', '梅', '柳',
  '松', '竹', '兰', '华', '永', '太', '丰', '宁', '福', '大', '小', '高', '双', '三', '马',
  '黄', '红', '仙', '东', '西', '南', '北', '上', '下', '古', '和', '义', '仁', '德', '兴',
  '文', '武', '宝', '玉', '银',
] as const;

/** Second characters of synthetic place names. */
export const PLACE_TAILS = [
  '山', '溪', '岭', '口', '坪', '塘', '桥', '湾', '洲', '田', '岗', '阳', '源', '峰', '坑',
  '头', '林', '江', '湖', '河', '亭', '庄', '店', '铺', '关', '渡', '埠', '港', '集', '镇',
] as const;
